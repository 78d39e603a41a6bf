package io.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points {@code tollgate.data-dir} at a new folder under {@code target/test-data}, so tests never share state. */
public class FreshDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Files.createDirectories(Path.of("target", "test-data"));
            Path dir = Files.createTempDirectory(Path.of("target", "test-data"), "tollgate-");
            TestPropertyValues.of("tollgate.data-dir=" + dir.toAbsolutePath()).applyTo(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
