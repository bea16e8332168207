package dev.sluice.destination;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.BadRequestException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationConfigValidatorTest {

    private final DestinationConfigValidator validator = new DestinationConfigValidator();

    @Test
    void aPostgresConfigWithAPortTableAndSchemaInFormPasses() {
        assertThatCode(() -> validator.validate(DestinationType.POSTGRES, postgres(Map.of("port", 6543, "schema", "analytics",
                "has_self_signed_cert", true)))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(DestinationType.REDSHIFT, postgres(Map.of("properties_data_type", "super"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aPortOutOfRangeNamesThePortField() {
        assertRejected(DestinationType.POSTGRES, postgres(Map.of("port", 70000)), "destination.config.port");
        assertRejected(DestinationType.POSTGRES, postgres(Map.of("port", "five")), "destination.config.port");
    }

    @Test
    void tableAndSchemaNamesMustBePlainSqlNames() {
        assertRejected(DestinationType.POSTGRES, postgres(Map.of("table_name", "events; drop table users")), "destination.config.table_name");
        assertRejected(DestinationType.REDSHIFT, postgres(Map.of("schema", "a.b")), "destination.config.schema");
    }

    @Test
    void aHostThatCouldCarryUrlParametersIsRejected() {
        assertRejected(DestinationType.POSTGRES, postgres(Map.of("host", "db/other?sslmode=disable")), "destination.config.host");
    }

    @Test
    void redshiftPropertiesDataTypeIsVarcharOrSuper() {
        assertRejected(DestinationType.REDSHIFT, postgres(Map.of("properties_data_type", "json")), "destination.config.properties_data_type");
    }

    @Test
    void anHttpUrlMustBeAnAbsoluteHttpUrl() {
        assertThatCode(() -> validator.validate(DestinationType.HTTP, Map.of("url", "https://eu.example.com/batch", "token", "t")))
                .doesNotThrowAnyException();
        assertRejected(DestinationType.HTTP, Map.of("url", "not a url"), "destination.config.url");
        assertRejected(DestinationType.HTTP, Map.of("url", "file:///etc/passwd"), "destination.config.url");
    }

    @Test
    void aBigQueryConfigWithAServiceAccountKeyPasses() {
        assertThatCode(() -> validator.validate(DestinationType.BIGQUERY, bigQuery(Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(DestinationType.BIGQUERY, bigQuery(Map.of("project_id", "example.com:my-project",
                "table_id", "events 2026", "token_uri", "https://oauth2.googleapis.com/token", "use_json_type", true))))
                .doesNotThrowAnyException();
    }

    @Test
    void bigQueryIdsEmailKeyAndTokenUriAreCheckedNamingTheField() {
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("project_id", "My Project")), "destination.config.project_id");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("dataset_id", "analytics.eu")), "destination.config.dataset_id");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("table_id", "events`; drop table x")), "destination.config.table_id");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("client_email", "not-an-email")), "destination.config.client_email");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("private_key", "hunter2")), "destination.config.private_key");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("token_uri", "file:///etc/passwd")), "destination.config.token_uri");
        assertRejected(DestinationType.BIGQUERY, bigQuery(Map.of("use_json_type", "maybe")), "destination.config.use_json_type");
        Map<String, Object> withoutKey = bigQuery(Map.of());
        withoutKey.remove("private_key");
        assertRejected(DestinationType.BIGQUERY, withoutKey, "destination.config.private_key");
    }

    private static Map<String, Object> bigQuery(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("project_id", "my-project", "dataset_id", "analytics", "table_id", "events",
                "client_email", "exporter@my-project.iam.gserviceaccount.com",
                "private_key", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"));
        config.putAll(overrides);
        return config;
    }

    private void assertRejected(DestinationType type, Map<String, Object> config, String attr) {
        assertThatThrownBy(() -> validator.validate(type, config)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining(attr)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((BadRequestException) e).attr()).isEqualTo(attr));
    }

    private static Map<String, Object> postgres(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "db.internal", "database", "analytics", "user", "sluice",
                "table_name", "events"));
        config.putAll(overrides);
        return config;
    }
}
