package dev.sluice.format;

import java.util.Arrays;
import java.util.Optional;

/** A file format exports write; {@link #configValue()} is the {@code file_format} of destination configs. */
public enum FileFormat {
    JSON_LINES("JSONLines", "jsonl"),
    PARQUET("Parquet", "parquet"),
    CSV("CSV", "csv");

    private final String configValue;
    private final String extension;

    FileFormat(String configValue, String extension) {
        this.configValue = configValue;
        this.extension = extension;
    }

    public String configValue() {
        return configValue;
    }

    /**
     * The file name extension, without a leading dot: {@code jsonl.gz}, {@code csv.zst},
     * {@code parquet}. Parquet compresses inside the file, so its extension never changes.
     */
    public String extension(Compression compression) {
        if (this == PARQUET || compression == Compression.NONE) {
            return extension;
        }
        return extension + "." + compression.extension();
    }

    public static Optional<FileFormat> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(f -> f.configValue.equals(value)).findFirst();
    }
}
