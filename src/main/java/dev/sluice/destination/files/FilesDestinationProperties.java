package dev.sluice.destination.files;

import dev.sluice.common.SluiceProperties;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Files exports are written.
 *
 * @param baseDir every export's {@code path} is resolved inside this directory and may not leave
 *                it; unset means {@code ${sluice.data-dir}/exports}
 */
@ConfigurationProperties("sluice.destinations.files")
public record FilesDestinationProperties(Path baseDir) {

    Path resolveBaseDir(SluiceProperties sluice) {
        Path dir = baseDir != null ? baseDir : sluice.dataDir().resolve("exports");
        return dir.toAbsolutePath().normalize();
    }
}
