package io.tollgate.integrations.sandbox;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether to start the sandbox MariaDB (the embedded profile turns it on)
 * @param dataDir where its binaries and data live (kept across restarts)
 * @param port its port; 0 picks a free one at every start
 */
@ConfigurationProperties("tollgate.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("./data/sandbox") Path dataDir,
        @DefaultValue("0") int port) {
}
