package dev.sluice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points {@code sluice.data-dir} at a new temporary directory for each test application context. */
public class TemporaryDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Path dir = Files.createTempDirectory("sluice-test-");
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("sluiceTestDataDir", Map.of("sluice.data-dir", dir.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
