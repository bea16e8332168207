package dev.sluice.export;

import dev.sluice.destination.DestinationType;
import java.util.List;
import java.util.Map;

/** One key of a destination config as the export form asks for it; keys are those of API.md. */
record ConfigField(String key, String label, Kind kind, boolean required, List<String> choices, String helper) {

    enum Kind { TEXT, NUMBER, SECRET, CHOICE, FLAG }

    private static final List<String> FILE_FORMATS = List.of("JSONLines", "Parquet", "CSV");
    private static final List<String> COMPRESSIONS = List.of("gzip", "zstd", "snappy", "lz4");
    private static final String SNOWFLAKE_NAME = "Plain names are used in upper case; put a name in double quotes to keep its case";

    static ConfigField text(String key, String label, boolean required, String helper) {
        return new ConfigField(key, label, Kind.TEXT, required, List.of(), helper);
    }

    static ConfigField number(String key, String label, String helper) {
        return new ConfigField(key, label, Kind.NUMBER, false, List.of(), helper);
    }

    static ConfigField secret(String key, String label) {
        return new ConfigField(key, label, Kind.SECRET, false, List.of(), null);
    }

    static ConfigField choice(String key, String label, List<String> choices, String helper) {
        return new ConfigField(key, label, Kind.CHOICE, false, choices, helper);
    }

    static ConfigField flag(String key, String label) {
        return new ConfigField(key, label, Kind.FLAG, false, List.of(), null);
    }

    private static final List<ConfigField> TABLE = List.of(
            text("host", "Host", true, null), number("port", "Port", "Default 5432 (Postgres) or 5439 (Redshift)"),
            text("database", "Database", true, null), text("schema", "Schema", false, "Default public"),
            text("table_name", "Table", true, null), text("user", "User", true, null), secret("password", "Password"),
            flag("has_self_signed_cert", "The server uses a self-signed certificate"));

    /** The form of each destination type, in the order a person fills it in. */
    static final Map<DestinationType, List<ConfigField>> BY_TYPE = Map.of(
            DestinationType.FILES, List.of(
                    text("path", "Directory", true, "Relative to the exports base directory, e.g. events/daily"),
                    choice("file_format", "File format", FILE_FORMATS, "Default JSONLines"),
                    choice("compression", "Compression", COMPRESSIONS, "Leave empty for none"),
                    number("max_file_size_mb", "Max file size (MB)", "Split larger intervals into several files")),
            DestinationType.S3, List.of(
                    text("bucket_name", "Bucket", true, null), text("region", "Region", true, "e.g. eu-central-1"),
                    text("prefix", "Key prefix", false, "May use {year}, {month}, {day}, {hour}, {table}, {data_interval_start}"),
                    text("aws_access_key_id", "Access key id", false, null), secret("aws_secret_access_key", "Secret access key"),
                    text("endpoint_url", "Endpoint URL", false, "Only for S3-compatible stores such as MinIO"),
                    choice("file_format", "File format", FILE_FORMATS, "Default JSONLines"),
                    choice("compression", "Compression", COMPRESSIONS, "Leave empty for none"),
                    choice("encryption", "Server-side encryption", List.of("AES256", "aws:kms"), "Leave empty for none"),
                    text("kms_key_id", "KMS key id", false, "Only with aws:kms"),
                    number("max_file_size_mb", "Max file size (MB)", null)),
            DestinationType.POSTGRES, TABLE,
            DestinationType.REDSHIFT, concat(TABLE, choice("properties_data_type", "Properties column type",
                    List.of("varchar", "super"), "Default varchar")),
            DestinationType.SNOWFLAKE, List.of(
                    text("account", "Account", true, "e.g. xy12345.eu-central-1 or myorg-myaccount"), text("user", "User", true, null),
                    secret("password", "Password"), secret("private_key", "Private key, PEM PKCS#8 (instead of a password)"),
                    secret("private_key_passphrase", "Private key passphrase"),
                    text("database", "Database", true, SNOWFLAKE_NAME), text("schema", "Schema", true, SNOWFLAKE_NAME),
                    text("warehouse", "Warehouse", true, null), text("role", "Role", false, "Default: the user's default role"),
                    text("table_name", "Table", true, "Created on the first run if missing")),
            DestinationType.BIGQUERY, List.of(
                    text("project_id", "Project id", true, null), text("dataset_id", "Dataset", true, null),
                    text("table_id", "Table", true, null), text("client_email", "Service account e-mail", true, null),
                    secret("private_key", "Service account private key (PEM, from the JSON key file)"), secret("private_key_id", "Private key id"),
                    text("token_uri", "Token URI", false, "Default https://oauth2.googleapis.com/token"),
                    flag("use_json_type", "Store properties as JSON")),
            DestinationType.HTTP, List.of(
                    text("url", "URL", true, "Receives PostHog /batch payloads"), secret("token", "Token")));

    private static List<ConfigField> concat(List<ConfigField> fields, ConfigField more) {
        return java.util.stream.Stream.concat(fields.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
