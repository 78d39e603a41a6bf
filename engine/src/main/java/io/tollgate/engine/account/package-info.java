/**
 * People who sign in to Tollgate: local accounts (BCrypt), their roles, sign-in throttling, and the demo accounts
 * of the embedded default. {@link io.tollgate.engine.account.Accounts} is the use case the UI and other features call;
 * {@link io.tollgate.engine.account.Role} maps each role to the Camunda group its user tasks name.
 */
package io.tollgate.engine.account;
