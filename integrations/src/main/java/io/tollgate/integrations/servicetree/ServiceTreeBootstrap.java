package io.tollgate.integrations.servicetree;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;

/**
 * Imports the configured tree at startup when ZooKeeper holds none yet. The document is streamed (checked, then
 * written in transactions), so its size does not matter; progress is logged every few thousand nodes.
 */
final class ServiceTreeBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceTreeBootstrap.class);

    private final ServiceTreeImporter importer;
    private final String location;
    private final ResourceLoader resources;

    ServiceTreeBootstrap(ServiceTreeImporter importer, String location, ResourceLoader resources) {
        this.importer = importer;
        this.location = location;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (location == null || location.isBlank() || !importer.isEmpty()) {
            return;
        }
        Resource resource = resources.getResource(location);
        log.info("importing the service tree from {}", location);
        int imported = importer.importIfEmpty(resource::getInputStream, progress -> log.info("service tree import "
                + "from {}: {}", location, progress.message()));
        if (imported > 0) {
            log.info("imported {} service tree nodes from {}", imported, location);
        }
    }
}
