package dev.sluice.destination;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** Where an export writes; {@link #apiValue()} is the {@code destination.type} of the REST API. */
public enum DestinationType {
    FILES("Files", Set.of()),
    S3("S3", Set.of("aws_secret_access_key")),
    POSTGRES("Postgres", Set.of("password")),
    REDSHIFT("Redshift", Set.of("password")),
    SNOWFLAKE("Snowflake", Set.of("password", "private_key", "private_key_passphrase")),
    BIGQUERY("BigQuery", Set.of("private_key", "private_key_id")),
    HTTP("HTTP", Set.of("token"));

    private final String apiValue;
    private final Set<String> secretKeys;

    DestinationType(String apiValue, Set<String> secretKeys) {
        this.apiValue = apiValue;
        this.secretKeys = secretKeys;
    }

    public String apiValue() {
        return apiValue;
    }

    /** Config keys that are write-only: never returned by the API or UI, never logged. */
    public Set<String> secretKeys() {
        return secretKeys;
    }

    public static Optional<DestinationType> fromApiValue(String value) {
        return Arrays.stream(values()).filter(t -> t.apiValue.equals(value)).findFirst();
    }
}
