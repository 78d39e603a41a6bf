package io.tollgate.ui.layout;

import java.util.concurrent.atomic.AtomicBoolean;

import com.vaadin.flow.component.UI;

/**
 * How a live page follows what it shows: a signal (from this node or another) runs the page's refresh inside
 * {@link UI#access}, so that the change is pushed to the browser, and a burst of signals arriving before the UI got to
 * the first one is refreshed once. {@link #caughtUp} reads once right after the page subscribed: a change committed
 * between the page's first read and its subscription reached no one, and would otherwise stay unseen until the next
 * one. Every live page subscribes through this class, so none of them can forget that read.
 */
public final class PushedRefresh implements Runnable {

    private final UI ui;
    private final Runnable refresh;
    private final AtomicBoolean pending = new AtomicBoolean();

    public PushedRefresh(UI ui, Runnable refresh) {
        this.ui = ui;
        this.refresh = refresh;
    }

    /** A signal: refresh inside the UI's lock, once for any number of signals that arrive before it ran. */
    @Override
    public void run() {
        if (pending.compareAndSet(false, true)) {
            ui.access(() -> {
                pending.set(false);
                refresh.run();
            });
        }
    }

    /**
     * Call right after subscribing, from {@code onAttach} or a navigation event (the UI's lock is held there): reads
     * once now, so that nothing committed before the subscription is missed. If the read fails, the subscription is
     * closed before the failure goes on: the caller never got it, so nothing else would close it.
     */
    public void caughtUp(AutoCloseable subscription) {
        try {
            refresh.run();
        } catch (RuntimeException | Error failed) {
            try {
                subscription.close();
            } catch (Exception closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
    }
}
