package io.tollgate.engine.deployment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link ModelGuard} before Camunda's own deployers, so that every deployment (Camunda Modeler through
 * {@code /engine-rest}, the Java API, the auto-deployment at start-up) is checked before the engine accepts it, and
 * {@link AcceptedDeployments} after them, so that an accepted deployment is recorded with the versions it created.
 */
@Component
class ModelGuardPlugin extends AbstractProcessEnginePlugin {

    private final Supplier<DeploymentRecords> records;
    private final Predicate<String> isBean;

    /**
     * @param records where decisions go, resolved per deployment (the plugin is built before JPA is ready)
     * @param beans   the application's beans: expressions resolve their names (after variables)
     */
    @Autowired
    ModelGuardPlugin(ObjectProvider<DeploymentRecords> records, BeanFactory beans) {
        this(records::getObject, beans::containsBean);
    }

    ModelGuardPlugin(Supplier<DeploymentRecords> records, Predicate<String> isBean) {
        this.records = records;
        this.isBean = isBean;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, new ModelGuard(new ExpressionRules(isBean), records));
        configuration.setCustomPreDeployers(deployers);
        List<Deployer> after = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        after.add(new AcceptedDeployments(records));
        configuration.setCustomPostDeployers(after);
    }
}
