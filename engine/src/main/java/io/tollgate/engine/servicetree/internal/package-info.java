/**
 * The implementation behind {@link io.tollgate.engine.servicetree.ServiceTreeChangeRequests}: the use case on the
 * {@code serviceTreeChange} process ({@code CamundaServiceTreeChangeRequests}), the strict request bodies, the REST
 * controllers (changes, nodes, import) and the withdrawal delegate; the change's record in {@code journal}, its
 * approvals and their gate in {@code approval}, and validation, apply and verification in {@code apply}. Only
 * {@code io.tollgate.engine.servicetree} uses it (an ArchUnit rule keeps {@code internal} inside its feature); the
 * sub-packages' classes are public so they can reach each other, and depend on {@code journal}, never the other way
 * ({@code apply} also asks {@code approval}'s gate).
 */
package io.tollgate.engine.servicetree.internal;
