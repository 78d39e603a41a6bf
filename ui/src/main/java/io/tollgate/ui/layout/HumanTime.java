package io.tollgate.ui.layout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;

/**
 * Times as people read them: "3 min ago", "in 2 h", with the exact local time (seconds, no fractions, the zone's
 * offset) on hover. Never an ISO string with {@code Z}. The zone is the browser's when the page told it, else the
 * server's.
 */
public final class HumanTime {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx",
            Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);
    private static final String ZONE_ATTRIBUTE = HumanTime.class.getName() + ".zone";

    private HumanTime() {
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago", "in 40 min"; a date beyond two weeks. */
    public static String relative(Instant instant, Instant now, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        Duration between = Duration.between(instant, now);
        boolean past = !between.isNegative();
        long seconds = Math.abs(between.getSeconds());
        String amount;
        if (seconds < 45) {
            return past ? "just now" : "in a moment";
        } else if (seconds < 3600) {
            amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
        } else if (seconds < 36 * 3600) {
            amount = Math.round(seconds / 3600.0) + " h";
        } else if (seconds < 14 * 86400) {
            long days = Math.round(seconds / 86400.0);
            amount = days + (days == 1 ? " day" : " days");
        } else {
            return (past ? "on " : "on ") + DATE.format(instant.atZone(zone));
        }
        return past ? amount + " ago" : "in " + amount;
    }

    /**
     * A date field that shows and takes dates as every page writes them, {@code 2026-12-05} (not the browser's
     * {@code 12/5/2026}, which reads as the 12th of May in much of the world), weeks from Monday.
     */
    public static DatePicker datePicker(String label) {
        DatePicker picker = new DatePicker(label);
        picker.setI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd").setFirstDayOfWeek(1));
        return picker;
    }

    /** The exact local time, e.g. {@code 2026-12-02 17:49:54 +01:00}. */
    public static String exact(Instant instant, ZoneId zone) {
        return instant == null ? "" : EXACT.format(instant.atZone(zone));
    }

    /** A span with the relative time, and the exact one as its tooltip. */
    public static Span span(Instant instant, Instant now, ZoneId zone) {
        Span span = new Span(relative(instant, now, zone));
        span.setTitle(exact(instant, zone));
        return span;
    }

    /** The browser's zone once {@link #learnZone} heard it in this UI, else the server's. */
    public static ZoneId zone(UI ui) {
        Object zone = ui == null || ui.getSession() == null ? null : ui.getSession().getAttribute(ZONE_ATTRIBUTE);
        return zone instanceof ZoneId id ? id : ZoneId.systemDefault();
    }

    /** Asks the browser for its time zone and keeps it in the session; {@code then} runs once it is known. */
    public static void learnZone(UI ui, Runnable then) {
        if (ui.getSession().getAttribute(ZONE_ATTRIBUTE) != null) {
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            try {
                ui.getSession().setAttribute(ZONE_ATTRIBUTE, ZoneId.of(details.getTimeZoneId()));
                then.run();
            } catch (RuntimeException unknownZone) {
                // keep the server's zone
            }
        });
    }
}
