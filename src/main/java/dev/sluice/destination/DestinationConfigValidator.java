package dev.sluice.destination;

import dev.sluice.common.BadRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks a destination config's keys and values; errors name the field as {@code destination.config.<key>}. */
@Component
public class DestinationConfigValidator {

    static final Set<String> FILE_FORMATS = Set.of("JSONLines", "Parquet", "CSV");
    static final Set<String> COMPRESSIONS = Set.of("gzip", "zstd", "snappy", "lz4");

    private static final Map<DestinationType, List<String>> REQUIRED = Map.of(
            DestinationType.FILES, List.of("path"),
            DestinationType.S3, List.of("bucket_name", "region"),
            DestinationType.POSTGRES, List.of("host", "database", "user", "table_name"),
            DestinationType.REDSHIFT, List.of("host", "database", "user", "table_name"),
            DestinationType.SNOWFLAKE, List.of("account", "user", "database", "schema", "warehouse", "table_name"),
            DestinationType.BIGQUERY, List.of("project_id", "dataset_id", "table_id"),
            DestinationType.HTTP, List.of("url"));

    public void validate(DestinationType type, Map<String, Object> config) {
        for (String key : REQUIRED.get(type)) {
            Object value = config.get(key);
            if (value == null || value.toString().isBlank()) {
                throw new BadRequestException("destination.config." + key, "destination.config." + key + " is required for " + type.apiValue() + ".");
            }
        }
        if (config.containsKey("file_format") && config.get("file_format") != null
                && !FILE_FORMATS.contains(config.get("file_format").toString())) {
            throw new BadRequestException("destination.config.file_format", "destination.config.file_format must be JSONLines, Parquet or CSV.");
        }
        Object compression = config.get("compression");
        if (compression != null && !COMPRESSIONS.contains(compression.toString())) {
            throw new BadRequestException("destination.config.compression",
                    "destination.config.compression must be null, gzip, zstd, snappy or lz4.");
        }
        Object maxSize = config.get("max_file_size_mb");
        if (maxSize != null && !(maxSize instanceof Number n && n.doubleValue() > 0)) {
            throw new BadRequestException("destination.config.max_file_size_mb", "destination.config.max_file_size_mb must be a positive number.");
        }
        if (type == DestinationType.FILES) {
            validateRelativePath(config.get("path").toString());
        }
    }

    private static void validateRelativePath(String path) {
        String normalised = path.replace('\\', '/');
        if (normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*")) {
            throw new BadRequestException("destination.config.path",
                    "destination.config.path must be relative to the exports base directory, not absolute.");
        }
        for (String segment : normalised.split("/")) {
            if (segment.equals("..")) {
                throw new BadRequestException("destination.config.path", "destination.config.path must not contain '..'.");
            }
        }
    }
}
