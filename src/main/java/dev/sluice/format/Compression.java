package dev.sluice.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a file is compressed; {@link #configValue()} is the {@code compression} of destination
 * configs (null for {@link #NONE}). JSONLines and CSV are wrapped in a streaming compressor;
 * Parquet uses the codec inside the file (lz4 is Parquet's {@code LZ4_RAW}).
 */
public enum Compression {
    NONE(null, ""),
    GZIP("gzip", "gz"),
    ZSTD("zstd", "zst"),
    SNAPPY("snappy", "sz"),
    LZ4("lz4", "lz4");

    private final String configValue;
    private final String extension;

    Compression(String configValue, String extension) {
        this.configValue = configValue;
        this.extension = extension;
    }

    /** The config's string, or null for no compression. */
    public String configValue() {
        return configValue;
    }

    String extension() {
        return extension;
    }

    /** The compression a config names; null means none. */
    public static Optional<Compression> fromConfigValue(String value) {
        if (value == null) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(c -> value.equals(c.configValue)).findFirst();
    }
}
