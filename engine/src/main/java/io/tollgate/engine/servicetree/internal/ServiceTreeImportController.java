package io.tollgate.engine.servicetree.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.integrations.servicetree.ServiceTreeImporter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports a service tree document into an empty tree, for administrators ({@code /api/v1}, HTTP Basic): the body is
 * the JSON or YAML document, of any size (it is kept in a temporary file and streamed, twice: checked, then written).
 * 202 with the progress: the import runs in the background, {@code GET} the same path to follow it ({@code phase}
 * CHECKING, WRITING, then DONE, REFUSED with the rules the document breaks, FAILED with how far it got, or SKIPPED).
 * 409 when the tree is not empty or an import is running; 403 for anyone but an administrator. Not audited, like the
 * bootstrap: changes to an existing tree go through {@code /api/v1/service-tree/changes}.
 */
@RestController
class ServiceTreeImportController {

    static final String IMPORT = "/api/v1/service-tree/import";

    private static final Logger log = LoggerFactory.getLogger(ServiceTreeImportController.class);

    private final ServiceTreeImporter importer;
    private final Executor background;
    private final AtomicBoolean running = new AtomicBoolean();

    @Autowired
    ServiceTreeImportController(ServiceTreeImporter importer) {
        this(importer, work -> {
            Thread thread = new Thread(work, "service-tree-import");
            thread.setDaemon(true);
            thread.start();
        });
    }

    ServiceTreeImportController(ServiceTreeImporter importer, Executor background) {
        this.importer = importer;
        this.background = background;
    }

    @PostMapping(IMPORT)
    ResponseEntity<?> start(HttpServletRequest request, Authentication user) throws IOException {
        Permissions.require(user, Permission.MANAGE_ACCOUNTS);
        return start(request.getInputStream(), user.getName());
    }

    ResponseEntity<?> start(InputStream body, String who) throws IOException {
        if (!importer.isEmpty()) {
            return conflict("the service tree is not empty: an import only writes into an empty tree; change it "
                    + "through service-tree changes");
        }
        if (!running.compareAndSet(false, true)) {
            return conflict("an import is running: follow it with GET " + IMPORT);
        }
        Path document;
        try {
            document = Files.createTempFile("tollgate-service-tree-", ".import");
            Files.copy(body, document, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            running.set(false);
            throw e;
        }
        log.info("{} started a service tree import of {} bytes", who, Files.size(document));
        background.execute(() -> {
            try {
                importer.importIfEmpty(() -> Files.newInputStream(document),
                        progress -> log.info("service tree import by {}: {}", who, progress.message()));
            } catch (RuntimeException e) {
                log.warn("service tree import by {} did not complete: {}", who, e.getMessage());
            } finally {
                running.set(false);
                try {
                    Files.deleteIfExists(document);
                } catch (IOException e) {
                    log.warn("could not delete {}", document, e);
                }
            }
        });
        return ResponseEntity.accepted().location(URI.create(IMPORT)).body(importer.progress());
    }

    @GetMapping(IMPORT)
    ResponseEntity<ServiceTreeImporter.Progress> progress(Authentication user) {
        Permissions.require(user, Permission.MANAGE_ACCOUNTS);
        return ResponseEntity.ok(importer.progress());
    }

    private static ResponseEntity<ApiProblem> conflict(String message) {
        return ApiProblem.of(message).answer(HttpStatus.CONFLICT);
    }
}
