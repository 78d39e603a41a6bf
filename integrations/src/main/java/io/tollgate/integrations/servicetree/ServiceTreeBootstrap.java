package io.tollgate.integrations.servicetree;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;

/** Imports the configured tree at startup when ZooKeeper holds none yet. */
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
        try (InputStream in = resource.getInputStream()) {
            int imported = importer.importIfEmpty(ServiceTreeImporter.read(in));
            if (imported > 0) {
                log.info("imported {} service tree nodes from {}", imported, location);
            }
        }
    }
}
