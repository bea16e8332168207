package dev.sluice.destination;

import dev.sluice.common.BadRequestException;
import dev.sluice.destination.snowflake.SnowflakeConfigValidation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a destination config's keys and values; errors name the field as {@code destination.config.<key>}. */
@Component
public class DestinationConfigValidator {

    static final Set<String> FILE_FORMATS = Set.of("JSONLines", "Parquet", "CSV");
    static final Set<String> COMPRESSIONS = Set.of("gzip", "zstd", "snappy", "lz4");
    static final Set<String> S3_ENCRYPTIONS = Set.of("AES256", "aws:kms");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+]");

    private static final Map<DestinationType, List<String>> REQUIRED = Map.of(
            DestinationType.FILES, List.of("path"),
            DestinationType.S3, List.of("bucket_name", "region"),
            DestinationType.POSTGRES, List.of("host", "database", "user", "table_name"),
            DestinationType.REDSHIFT, List.of("host", "database", "user", "table_name"),
            DestinationType.SNOWFLAKE, List.of("account", "user", "database", "schema", "warehouse", "table_name"),
            DestinationType.BIGQUERY, List.of("project_id", "dataset_id", "table_id", "client_email", "private_key"),
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
        if (type == DestinationType.POSTGRES || type == DestinationType.REDSHIFT) {
            validateSqlTable(type, config);
        }
        if (type == DestinationType.SNOWFLAKE) {
            SnowflakeConfigValidation.validate(config);
        }
        if (type == DestinationType.HTTP) {
            validateHttpUrl(config.get("url").toString().trim());
        }
        if (type == DestinationType.BIGQUERY) {
            BigQueryConfigRules.validate(config);
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

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void validateSqlTable(DestinationType type, Map<String, Object> config) {
        Object port = config.get("port");
        if (port != null && !isPort(port)) {
            throw new BadRequestException("destination.config.port", "destination.config.port must be a whole number from 1 to 65535.");
        }
        for (String key : List.of("table_name", "schema")) {
            Object name = config.get(key);
            if (name != null && !SQL_NAME.matcher(name.toString()).matches()) {
                throw new BadRequestException("destination.config." + key, "destination.config." + key
                        + " must be a plain SQL name: letters, digits, _ and $, starting with a letter or _, at most 63 characters.");
            }
        }
        Object host = config.get("host");
        if (!HOST.matcher(host.toString().trim()).matches()) {
            throw new BadRequestException("destination.config.host", "destination.config.host must be a host name or an IP address.");
        }
        Object selfSigned = config.get("has_self_signed_cert");
        if (selfSigned != null && !(selfSigned instanceof Boolean) && !Set.of("true", "false").contains(selfSigned.toString())) {
            throw new BadRequestException("destination.config.has_self_signed_cert", "destination.config.has_self_signed_cert must be true or false.");
        }
        Object dataType = config.get("properties_data_type");
        if (type == DestinationType.REDSHIFT && dataType != null && !Set.of("varchar", "super").contains(dataType.toString())) {
            throw new BadRequestException("destination.config.properties_data_type", "destination.config.properties_data_type must be varchar or super.");
        }
    }

    private static boolean isPort(Object value) {
        try {
            double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
            return number == Math.rint(number) && number >= 1 && number <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void validateHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new BadRequestException("destination.config.url", "destination.config.url must be an http:// or https:// URL with a host.");
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
