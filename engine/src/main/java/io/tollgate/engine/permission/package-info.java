/**
 * The permission matrix: which role may do what ({@link io.tollgate.engine.permission.Permission}), written once and
 * enforced the same way by the use cases ({@link io.tollgate.engine.permission.Permissions#require}, from the
 * person's account as Tollgate records it), by {@code /api/v1} (403 with a reason, {@link
 * io.tollgate.engine.ApiProblem}) and by the UI's areas and views. Who may approve a particular ticket or
 * change is finer than a role, and is the approval policy's ({@code engine.approval}).
 */
package io.tollgate.engine.permission;
