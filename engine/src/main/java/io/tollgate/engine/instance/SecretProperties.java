package io.tollgate.engine.instance;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts secrets at rest (instance passwords).
 *
 * @param key base64 of 32 random bytes ({@code TOLLGATE_SECRET_KEY}; e.g. {@code openssl rand -base64 32});
 *            required outside the embedded profile
 * @param keyFile where the embedded profile keeps a generated key when {@code key} is not set
 * @param generateKeyFile whether a missing key file may be generated (the embedded profile only)
 */
@ConfigurationProperties("tollgate.secrets")
public record SecretProperties(
        String key,
        @DefaultValue("./data/secret.key") Path keyFile,
        @DefaultValue("false") boolean generateKeyFile) {
}
