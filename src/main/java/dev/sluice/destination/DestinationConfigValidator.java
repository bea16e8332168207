package dev.sluice.destination;

import dev.sluice.common.BadRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks a destination config's keys and values; errors name the field as {@code destination.config.<key>}. */
@Component
public class DestinationConfigValidator {

    static final Set<String> FILE_FORMATS = Set.of("JSONLines", "Parquet", "CSV");
    static final Set<String> COMPRESSIONS = Set.of("gzip", "zstd", "snappy", "lz4");
    static final Set<String> S3_ENCRYPTIONS = Set.of("AES256", "aws:kms");

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
        if (type == DestinationType.S3) {
            validateS3(config);
        }
    }

    private static void validateS3(Map<String, Object> config) {
        Object encryption = config.get("encryption");
        if (encryption != null && !S3_ENCRYPTIONS.contains(encryption.toString())) {
            throw new BadRequestException("destination.config.encryption", "destination.config.encryption must be null, AES256 or aws:kms.");
        }
        Object kmsKeyId = config.get("kms_key_id");
        if (kmsKeyId != null && !kmsKeyId.toString().isBlank() && !"aws:kms".equals(encryption)) {
            throw new BadRequestException("destination.config.kms_key_id", "destination.config.kms_key_id is only used with the encryption aws:kms.");
        }
        Object endpoint = config.get("endpoint_url");
        if (endpoint != null && !endpoint.toString().isBlank() && !isHttpUrl(endpoint.toString())) {
            throw new BadRequestException("destination.config.endpoint_url",
                    "destination.config.endpoint_url must be an http or https URL such as https://minio.example.com:9000.");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
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
