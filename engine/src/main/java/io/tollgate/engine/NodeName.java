package io.tollgate.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names this node's job executor {@code <host>/<pid>} instead of a random UUID, so that a job's lock owner, and the
 * trail entry that says a node stopped in the middle of a job, name a machine and process an operator can find. The
 * pid differs after a restart, so a restarted node is never taken for the one that died, and a node can tell that a
 * lock owner of its own machine is gone.
 */
@Component
public class NodeName extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(name());
        }
    }

    /**
     * Why a run (a ticket's execution or rollback, a tree change's apply) whose job {@code owner} still holds is over
     * without its record: a node of this machine whose process is gone stopped; this node did not, so the engine rolled
     * the run's record back (an admin who suspends or changes the run's job or process in Cockpit while it runs makes
     * its commit fail); of another machine, either.
     */
    public static String whyRunEnded(String owner) {
        if (goneFromThisHost(owner)) {
            return "node " + owner + " stopped";
        }
        if (name().equals(owner)) {
            return "its run on this node, " + owner + ", which did not stop, ended without its record: the engine"
                    + " rolled it back, as when an admin suspends or changes the run's job or process in the engine"
                    + " while it runs";
        }
        return "node " + owner + " stopped, or the engine rolled the run's record back";
    }

    /**
     * Whether {@code owner} names a node on this machine whose process is gone (a node restarted here after a crash
     * sees its former self so). False when it cannot tell: another machine, a name not of this form, a live pid.
     */
    public static boolean goneFromThisHost(String owner) {
        int slash = owner == null ? -1 : owner.lastIndexOf('/');
        if (slash <= 0 || !owner.substring(0, slash).equals(host())) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(slash + 1));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static String name() {
        return host() + "/" + ProcessHandle.current().pid();
    }

    private static String host() {
        return Host.NAME;
    }

    /**
     * The host's name, resolved once per process: a node's name never changes while it runs, and every look for a dead
     * node asks for it (a host whose name resolves slowly, or only sometimes, would otherwise make each look wait for
     * the resolver and could see itself under two names).
     */
    private static final class Host {

        static final String NAME = resolve();

        private static String resolve() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown-host";
            }
        }
    }
}
