/**
 * The implementation behind {@link io.tollgate.engine.account.Accounts}: the account entity and its repository, how
 * people sign in (local passwords with the per-node memory of checked ones, LDAP, the sign-in throttle shared through
 * the database), the directory sync, the first admin and the embedded default's demo accounts, and the per-request
 * reading of accounts. Only {@code io.tollgate.engine.account} uses it; what is public here is public for that
 * package alone (the architecture test keeps it so).
 */
package io.tollgate.engine.account.internal;
