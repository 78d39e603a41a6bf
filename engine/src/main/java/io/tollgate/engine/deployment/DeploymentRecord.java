package io.tollgate.engine.deployment;

import java.time.Instant;
import java.util.List;

/**
 * One deployment the model guard judged, as auditors read it.
 *
 * @param deployedBy  who deployed, or {@code null} for the application's own deployment at start-up
 * @param definitions the definitions an accepted deployment created, with versions ({@code sqlTicket v4}); for a
 *                    refused one, the keys of its processes
 * @param reasons     why it was refused (resource: element: problem); empty when accepted
 */
public record DeploymentRecord(long id, Instant decidedAt, String deployedBy, String deploymentId,
                               String deploymentName, String source, List<String> resources,
                               List<String> definitions, boolean accepted, List<String> reasons) {
}
