package io.tollgate.integrations.servicetree;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service tree ({@code tollgate.service-tree.*}).
 *
 * @param rootPath  the znode under which the tree lives
 * @param bootstrap a JSON or YAML tree (a Spring resource location) imported when the tree is empty; the default
 *                  is a small demo tree for the embedded setup; set it empty to start with no tree
 */
@ConfigurationProperties("tollgate.service-tree")
public record ServiceTreeProperties(
        @DefaultValue("/tollgate/service-tree") String rootPath,
        @DefaultValue("classpath:io/tollgate/integrations/servicetree/demo-tree.yaml") String bootstrap) {
}
