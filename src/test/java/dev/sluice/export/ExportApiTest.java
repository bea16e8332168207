package dev.sluice.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.destination.snowflake.TestKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class ExportApiTest {

    private static final String S3_SECRET = "s3-secret-" + UUID.randomUUID();
    private static final String PG_PASSWORD = "pg-password-" + UUID.randomUUID();
    private static final String SF_PASSWORD = "sf-password-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    ExportService exports;

    @Autowired
    DestinationConfigs configs;

    @Autowired
    ObjectMapper json;

    TestApi api;
    String pid;
    String base;
    final List<TestApi.Response> responses = new ArrayList<>();

    @BeforeEach
    void project() {
        api = TestApi.admin(port);
        pid = api.createProject("exports");
        base = "/api/projects/" + pid + "/batch_exports";
    }

    private TestApi.Response record(TestApi.Response r) {
        responses.add(r);
        return r;
    }

    private static Map<String, Object> s3Config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bucket_name", "analytics-bucket");
        config.put("region", "eu-central-1");
        config.put("prefix", "events/{year}/{month}/{day}");
        config.put("aws_access_key_id", "AKIAEXAMPLE");
        config.put("aws_secret_access_key", S3_SECRET);
        config.put("endpoint_url", "http://127.0.0.1:1");
        config.put("file_format", "Parquet");
        config.put("compression", "zstd");
        return config;
    }

    private static Map<String, Object> fullS3Export() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "S3 hourly");
        body.put("destination", Map.of("type", "S3", "config", s3Config()));
        body.put("interval", "hour");
        body.put("interval_offset", 300);
        body.put("timezone", "Europe/Berlin");
        body.put("model", "events");
        body.put("schema", Map.of("fields", List.of(Map.of("expression", "event", "alias", "event"),
                Map.of("expression", "properties.$browser", "alias", "browser"))));
        body.put("filters", Map.of("include_events", List.of("$pageview", "purchase"), "exclude_events", List.of("$pageleave"),
                "properties", List.of(Map.of("key", "$browser", "operator", "exact", "value", "Chrome"))));
        body.put("paused", true);
        body.put("start_at", "2026-01-01T00:00:00Z");
        body.put("end_at", "2030-01-01T00:00:00Z");
        return body;
    }

    private Map<String, Object> storedConfig(String exportId) {
        return configs.decrypt(exports.get(UUID.fromString(pid), UUID.fromString(exportId)).getDestination());
    }

    @Test
    void aCreatedExportComesBackWithEveryFieldAndWithoutItsSecret() {
        Instant before = Instant.now();
        TestApi.Response created = record(api.post(base, fullS3Export()));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode e = created.body();
        assertThat(UUID.fromString(e.get("id").asText())).isNotNull();
        assertThat(e.get("name").asText()).isEqualTo("S3 hourly");
        assertThat(e.get("destination").get("type").asText()).isEqualTo("S3");
        Map<String, Object> expectedConfig = s3Config();
        expectedConfig.remove("aws_secret_access_key");
        assertThat(e.get("destination").get("config")).isEqualTo(json.valueToTree(expectedConfig));
        assertThat(e.get("interval").asText()).isEqualTo("hour");
        assertThat(e.get("interval_offset").asInt()).isEqualTo(300);
        assertThat(e.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(e.get("model").asText()).isEqualTo("events");
        assertThat(e.get("schema")).isEqualTo(json.valueToTree(fullS3Export().get("schema")));
        assertThat(e.get("filters")).isEqualTo(json.valueToTree(fullS3Export().get("filters")));
        assertThat(e.get("paused").asBoolean()).isTrue();
        assertThat(e.get("start_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(e.get("end_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        Instant createdAt = Instant.parse(e.get("created_at").asText());
        assertThat(createdAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(e.get("created_at").asText()).endsWith("Z");
        assertThat(Instant.parse(e.get("last_updated_at").asText())).isEqualTo(createdAt);
        assertThat(Instant.parse(e.get("last_paused_at").asText())).isEqualTo(createdAt);
        assertThat(e.get("latest_runs").isArray()).isTrue();
        assertThat(e.get("latest_runs")).isEmpty();

        String id = e.get("id").asText();
        assertThat(record(api.get(base + "/" + id)).body()).isEqualTo(e);
        JsonNode listed = record(api.get(base)).body().get("results");
        assertThat(listed).containsExactly(e);
        assertThat(storedConfig(id)).containsEntry("aws_secret_access_key", S3_SECRET);
        responses.forEach(r -> assertThat(r.text()).doesNotContain(S3_SECRET));
    }

    @Test
    void defaultsFillWhatTheBodyLeavesOut() {
        JsonNode e = api.post(base, Map.of("name", "minimal", "destination", Map.of("type", "Files", "config", Map.of("path", "minimal"))))
                .body();

        assertThat(e.get("interval").asText()).isEqualTo("hour");
        assertThat(e.get("interval_offset").asInt()).isZero();
        assertThat(e.get("timezone").asText()).isEqualTo("UTC");
        assertThat(e.get("model").asText()).isEqualTo("events");
        assertThat(e.get("schema").isNull()).isTrue();
        assertThat(e.get("filters").isNull()).isTrue();
        assertThat(e.get("paused").asBoolean()).isFalse();
        assertThat(e.get("start_at").isNull()).isTrue();
        assertThat(e.get("end_at").isNull()).isTrue();
        assertThat(e.get("last_paused_at").isNull()).isTrue();
    }

    @Test
    void aPatchChangesOnlyTheGivenFieldsAndKeepsAnOmittedSecret() {
        JsonNode created = record(api.post(base, fullS3Export())).body();
        String id = created.get("id").asText();

        TestApi.Response patched = record(api.patch(base + "/" + id, Map.of("name", "S3 hourly (US)",
                "destination", Map.of("config", Map.of("region", "us-east-1")))));

        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode p = patched.body();
        assertThat(p.get("name").asText()).isEqualTo("S3 hourly (US)");
        assertThat(p.get("destination").get("config").get("region").asText()).isEqualTo("us-east-1");
        assertThat(p.get("destination").get("config").get("bucket_name").asText()).isEqualTo("analytics-bucket");
        for (String unchanged : List.of("interval", "interval_offset", "timezone", "model", "schema", "filters", "paused",
                "start_at", "end_at", "created_at", "last_paused_at")) {
            assertThat(p.get(unchanged)).as(unchanged).isEqualTo(created.get(unchanged));
        }
        assertThat(Instant.parse(p.get("last_updated_at").asText())).isAfter(Instant.parse(created.get("last_updated_at").asText()));
        Map<String, Object> stored = storedConfig(id);
        assertThat(stored).containsEntry("aws_secret_access_key", S3_SECRET).containsEntry("region", "us-east-1")
                .containsEntry("aws_access_key_id", "AKIAEXAMPLE");

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("schema", null);
        clear.put("end_at", null);
        clear.put("paused", false);
        JsonNode cleared = record(api.patch(base + "/" + id, clear)).body();
        assertThat(cleared.get("schema").isNull()).isTrue();
        assertThat(cleared.get("end_at").isNull()).isTrue();
        assertThat(cleared.get("paused").asBoolean()).isFalse();
        assertThat(cleared.get("filters")).isEqualTo(created.get("filters"));
        assertThat(cleared.get("name").asText()).isEqualTo("S3 hourly (US)");
        assertThat(storedConfig(id)).containsEntry("aws_secret_access_key", S3_SECRET);

        responses.forEach(r -> assertThat(r.text()).doesNotContain(S3_SECRET));
    }

    @Test
    void aPostgresPasswordIsNeverShownAndSurvivesAPatch() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "db.internal");
        config.put("port", 5432);
        config.put("database", "analytics");
        config.put("schema", "public");
        config.put("table_name", "events");
        config.put("user", "exporter");
        config.put("password", PG_PASSWORD);
        TestApi.Response created = record(api.post(base, Map.of("name", "warehouse", "interval", "day",
                "destination", Map.of("type", "Postgres", "config", config))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.body().get("destination").get("config").has("password")).isFalse();
        assertThat(created.body().get("destination").get("config").get("user").asText()).isEqualTo("exporter");

        record(api.patch(base + "/" + id, Map.of("destination", Map.of("type", "Postgres", "config", Map.of("host", "db2.internal")))));
        record(api.post(base + "/" + id + "/pause"));
        record(api.post(base + "/" + id + "/unpause", Map.of("backfill_paused_gap", false)));
        record(api.get(base));
        record(api.get(base + "/" + id));

        assertThat(storedConfig(id)).containsEntry("password", PG_PASSWORD).containsEntry("host", "db2.internal");
        responses.forEach(r -> assertThat(r.text()).doesNotContain(PG_PASSWORD));
    }

    @Test
    void aBigQueryServiceAccountKeyIsNeverShownAndSurvivesAPatch() {
        String keyBody = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String privateKey = "-----BEGIN PRIVATE KEY-----\n" + keyBody + "\n-----END PRIVATE KEY-----\n";
        String keyId = "key-id-" + UUID.randomUUID();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("project_id", "sluice-analytics");
        config.put("dataset_id", "exports");
        config.put("table_id", "events");
        config.put("client_email", "exporter@sluice-analytics.iam.gserviceaccount.com");
        config.put("private_key", privateKey);
        config.put("private_key_id", keyId);
        config.put("use_json_type", true);
        TestApi.Response created = record(api.post(base, Map.of("name", "bigquery", "interval", "hour",
                "destination", Map.of("type", "BigQuery", "config", config))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("id").asText();
        JsonNode shown = created.body().get("destination").get("config");
        assertThat(shown.has("private_key")).isFalse();
        assertThat(shown.has("private_key_id")).isFalse();
        assertThat(shown.get("client_email").asText()).isEqualTo("exporter@sluice-analytics.iam.gserviceaccount.com");
        assertThat(shown.get("use_json_type").asBoolean()).isTrue();

        record(api.patch(base + "/" + id, Map.of("destination", Map.of("type", "BigQuery", "config", Map.of("table_id", "events_v2")))));
        record(api.get(base));
        record(api.get(base + "/" + id));

        assertThat(storedConfig(id)).containsEntry("private_key", privateKey).containsEntry("private_key_id", keyId)
                .containsEntry("table_id", "events_v2");
        responses.forEach(r -> assertThat(r.text()).doesNotContain(keyBody).doesNotContain(keyId));

        TestApi.Response invalid = api.patch(base + "/" + id, Map.of("destination", Map.of("type", "BigQuery",
                "config", Map.of("client_email", "exporter"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("attr").asText()).isEqualTo("destination.config.client_email");
    }

    @Test
    void snowflakeSecretsAreWriteOnlyAndANewKeyPairReplacesTheStoredPassword() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("account", "xy12345.eu-central-1");
        config.put("user", "loader");
        config.put("password", SF_PASSWORD);
        config.put("database", "analytics");
        config.put("schema", "public");
        config.put("warehouse", "loading");
        config.put("role", "loader");
        config.put("table_name", "events");
        TestApi.Response created = record(api.post(base, Map.of("name", "snowflake", "interval", "hour",
                "destination", Map.of("type", "Snowflake", "config", config))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("id").asText();
        JsonNode shown = created.body().get("destination");
        assertThat(shown.get("type").asText()).isEqualTo("Snowflake");
        assertThat(json.convertValue(shown.get("config"), Map.class)).containsOnlyKeys("account", "user", "database", "schema", "warehouse",
                "role", "table_name");

        record(api.patch(base + "/" + id, Map.of("destination", Map.of("type", "Snowflake", "config", Map.of("warehouse", "big")))));
        assertThat(storedConfig(id)).containsEntry("password", SF_PASSWORD).containsEntry("warehouse", "big");

        TestApi.Response switched = record(api.patch(base + "/" + id, Map.of("destination", Map.of("type", "Snowflake",
                "config", Map.of("private_key", TestKeys.ENCRYPTED_PEM, "private_key_passphrase", TestKeys.PASSPHRASE)))));
        assertThat(switched.status()).as(switched.text()).isEqualTo(200);
        assertThat(storedConfig(id)).doesNotContainKey("password").containsEntry("private_key", TestKeys.ENCRYPTED_PEM)
                .containsEntry("private_key_passphrase", TestKeys.PASSPHRASE);
        record(api.get(base));
        record(api.get(base + "/" + id));

        String keyLine = TestKeys.ENCRYPTED_PEM.split("\n")[2];
        responses.forEach(r -> assertThat(r.text()).doesNotContain(SF_PASSWORD).doesNotContain(keyLine).doesNotContain(TestKeys.PASSPHRASE));
    }

    @Test
    void anInvalidSnowflakeConfigIs400NamingItsField() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("account", "xy12345", "user", "loader", "password", SF_PASSWORD,
                "database", "analytics", "schema", "public", "warehouse", "loading", "table_name", "events"));
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Snowflake", "config", with(config, "account", "https://x/?a=b"))),
                "destination.config.account");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Snowflake", "config", with(config, "table_name", "a b"))),
                "destination.config.table_name");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Snowflake", "config", with(config, "private_key", TestKeys.PLAIN_PEM))),
                "destination.config.private_key");
        TestApi.Response r = api.post(base, Map.of("name", "x", "destination", Map.of("type", "Snowflake",
                "config", with(config, "private_key", TestKeys.PLAIN_PEM))));
        assertThat(r.text()).doesNotContain(SF_PASSWORD);
    }

    private static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return changed;
    }

    @Test
    void pauseAndUnpauseFlipPausedAndRecordWhen() {
        String id = api.post(base, Map.of("name", "flip", "destination", Map.of("type", "Files", "config", Map.of("path", "flip"))))
                .body().get("id").asText();

        TestApi.Response paused = api.post(base + "/" + id + "/pause");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("paused").asBoolean()).isTrue();
        assertThat(paused.body().get("last_paused_at").isNull()).isFalse();

        TestApi.Response unpaused = api.post(base + "/" + id + "/unpause", Map.of("backfill_paused_gap", false));
        assertThat(unpaused.status()).isEqualTo(200);
        assertThat(unpaused.body().get("paused").asBoolean()).isFalse();
        assertThat(unpaused.body().get("last_paused_at")).isEqualTo(paused.body().get("last_paused_at"));
        assertThat(api.post(base + "/" + id + "/unpause").status()).isEqualTo(200);
    }

    @Test
    void aDeletedExportIsGone() {
        String id = api.post(base, Map.of("name", "doomed", "destination", Map.of("type", "Files", "config", Map.of("path", "doomed"))))
                .body().get("id").asText();

        TestApi.Response deleted = api.delete(base + "/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(api.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(base).body().get("results")).isEmpty();
        assertThat(api.delete(base + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void invalidExportsAre400NamingTheField() {
        Map<String, Object> files = Map.of("type", "Files", "config", Map.of("path", "ok"));
        assertInvalid(Map.of("name", "x", "interval", "every 7 minutes", "destination", files), "interval");
        assertInvalid(Map.of("name", "x", "timezone", "Mars/Olympus_Mons", "destination", files), "timezone");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "FTP", "config", Map.of())), "destination.type");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "../x"))), "destination.config.path");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Files", "config", Map.of("path", "/etc"))), "destination.config.path");
        assertInvalid(Map.of("destination", files), "name");
        assertInvalid(Map.of("name", "x", "interval", "hour", "interval_offset", 3600, "destination", files), "interval_offset");
        assertInvalid(Map.of("name", "x", "model", "sessions", "destination", files), "model");
        assertInvalid(Map.of("name", "x", "destination", files, "filters",
                Map.of("properties", List.of(Map.of("key", "$os", "operator", "regex", "value", ".*")))), "filters.properties[0].operator");
        assertInvalid(Map.of("name", "x", "destination", files, "interval_offset", "soon"), "interval_offset");
        assertInvalid(Map.of("name", "x", "destination", files, "start_at", "yesterday"), "start_at");
        assertInvalid(Map.of("name", "x", "destination", files, "paused", "maybe"), "paused");
        assertInvalid(Map.of("name", "x", "destination", Map.of("type", "Files", "config", "path=ok")), "destination.config");
        assertInvalid(Map.of("name", "x", "destination", files, "schema", Map.of("fields", "event")), "schema.fields");
        assertThat(api.get(base).body().get("results")).isEmpty();
    }

    private void assertInvalid(Map<String, Object> body, String attr) {
        TestApi.Response r = api.post(base, body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo(attr);
        assertThat(r.body().get("detail").asText()).contains(attr.contains("[") ? attr.substring(0, attr.indexOf('[')) : attr);
    }

    @Test
    void anInvalidPatchChangesNothing() {
        JsonNode created = api.post(base, Map.of("name", "stable", "paused", true,
                "destination", Map.of("type", "Files", "config", Map.of("path", "stable")))).body();
        String id = created.get("id").asText();

        TestApi.Response r = api.patch(base + "/" + id, Map.of("name", "changed", "interval", "fortnight"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("attr").asText()).isEqualTo("interval");
        TestApi.Response malformed = api.patch(base + "/" + id, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        TestApi.Response wrongType = api.patch(base + "/" + id, Map.of("interval_offset", List.of(1)));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("attr").asText()).isEqualTo("interval_offset");

        assertThat(api.get(base + "/" + id).body()).isEqualTo(created);
    }

    @Test
    void theTestStepChecksTheStoredDestinationAndReportsFailuresAsSteps() {
        String id = api.post(base, fullS3Export()).body().get("id").asText();

        TestApi.Response r = api.post(base + "/" + id + "/run_test_step");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode steps = r.body().get("steps");
        assertThat(steps).isNotEmpty();
        for (JsonNode step : steps) {
            assertThat(step.get("name").asText()).isNotBlank();
            assertThat(step.get("result").asText()).isIn("passed", "failed");
            assertThat(step.has("message")).isTrue();
        }
        assertThat(steps.findValuesAsText("result")).contains("failed");
        assertThat(r.text()).doesNotContain(S3_SECRET);
    }

    @Test
    void aDraftIsTestedBeforeSavingAndValidatedFirst() {
        TestApi.Response invalid = api.post(base + "/test", Map.of("name", "draft",
                "destination", Map.of("type", "Files", "config", Map.of("path", "../outside"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("attr").asText()).isEqualTo("destination.config.path");

        TestApi.Response tested = api.post(base + "/test", fullS3Export());
        assertThat(tested.status()).as(tested.text()).isEqualTo(200);
        assertThat(tested.body().get("steps")).isNotEmpty();
        assertThat(tested.body().get("steps").findValuesAsText("result")).contains("failed");
        assertThat(api.get(base).body().get("results")).isEmpty();
    }
}
