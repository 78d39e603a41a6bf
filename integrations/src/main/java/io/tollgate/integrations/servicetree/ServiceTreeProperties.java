package io.tollgate.integrations.servicetree;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service tree ({@code tollgate.service-tree.*}).
 *
 * @param rootPath  the znode under which the tree lives
 * @param bootstrap a JSON or YAML tree (a Spring resource location) imported when the tree is empty; none by default.
 *                  The embedded profile sets the demo tree ({@link #DEMO_TREE}); production may name its own
 *                  ({@code TOLLGATE_SERVICE_TREE_BOOTSTRAP}).
 */
@ConfigurationProperties("tollgate.service-tree")
public record ServiceTreeProperties(
        @DefaultValue("/tollgate/service-tree") String rootPath,
        String bootstrap) {

    /** The small demo tree of the embedded default. */
    public static final String DEMO_TREE = "classpath:io/tollgate/integrations/servicetree/demo-tree.yaml";
}
