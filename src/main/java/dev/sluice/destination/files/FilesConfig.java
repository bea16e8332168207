package dev.sluice.destination.files;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import java.util.Map;

/**
 * A Files destination config (keys of API.md): {@code path}, {@code file_format} (default
 * JSONLines), {@code compression} (null for none) and {@code max_file_size_mb} (null: one file per
 * interval).
 */
record FilesConfig(String path, FileFormat format, Compression compression, long maxFileBytes) {

    static FilesConfig parse(Map<String, Object> config) {
        Object path = config.get("path");
        if (path == null || path.toString().isBlank()) {
            throw new DestinationUserException("The Files destination needs a path.");
        }
        Object formatValue = config.get("file_format");
        FileFormat format = formatValue == null ? FileFormat.JSON_LINES : FileFormat.fromConfigValue(formatValue.toString())
                .orElseThrow(() -> new DestinationUserException("The file format '" + formatValue + "' is not one of JSONLines, Parquet or CSV."));
        Object compressionValue = config.get("compression");
        Compression compression = Compression.fromConfigValue(compressionValue == null ? null : compressionValue.toString())
                .orElseThrow(() -> new DestinationUserException("The compression '" + compressionValue + "' is not one of gzip, zstd, snappy or lz4."));
        Object maxSize = config.get("max_file_size_mb");
        long maxFileBytes = Long.MAX_VALUE;
        if (maxSize != null) {
            if (!(maxSize instanceof Number mb) || !(mb.doubleValue() > 0)) {
                throw new DestinationUserException("The maximum file size must be a positive number of megabytes, not '" + maxSize + "'.");
            }
            maxFileBytes = Math.max(1, (long) Math.min(Long.MAX_VALUE, mb.doubleValue() * 1024 * 1024));
        }
        return new FilesConfig(path.toString(), format, compression, maxFileBytes);
    }

    String extension() {
        return format.extension(compression);
    }
}
