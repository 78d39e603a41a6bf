/**
 * Target instances: the MySQL/MariaDB servers SQL tickets run against, registered by admins and DBAs. Passwords are
 * encrypted at rest with AES-GCM ({@link io.tollgate.engine.instance.SecretCipher}) and never leave this package in
 * clear text except as {@code TargetCoordinates} handed to the reviewer and the executor.
 */
package io.tollgate.engine.instance;
