package io.tollgate.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names this node's job executor {@code <host>/<pid>} instead of a random UUID, so that a job's lock owner, and the
 * trail entry that says a node stopped in the middle of a job, name a machine and process an operator can find. The
 * pid differs after a restart, so a restarted node is never taken for the one that died.
 */
@Component
class NodeName extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(name());
        }
    }

    static String name() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
