package dev.sluice.common;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature.
 *
 * @param dataDir where embedded PostgreSQL, generated keys and Files exports live ({@code SLUICE_DATA_DIR})
 */
@ConfigurationProperties("sluice")
public record SluiceProperties(@DefaultValue("./data") Path dataDir) {
}
