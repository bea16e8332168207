package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Exports of demo data through the real Files destination: what is written is exactly what the export asks for. */
@SluiceIntegrationTest
class ModelsFieldsAndFiltersEndToEndTest {

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    JdbcTemplate jdbc;
    String pid;
    Instant start;
    Instant end;

    @BeforeEach
    void demoProject() {
        api = new ApiClient(port, "admin@sluice.test", "admin-password-1");
        jdbc = new JdbcTemplate(dataSource);
        pid = api.post("/api/projects", Map.of("name", "e2e models " + UUID.randomUUID())).body().get("id").asText();
        end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        start = end.minus(2, ChronoUnit.HOURS);
        ApiClient.Response demo = api.post("/api/projects/" + pid + "/demo_data", Map.of(
                "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", 300, "seed", 11));
        assertThat(demo.status()).isEqualTo(201);
        assertThat(demo.body().get("inserted").asInt()).isEqualTo(600);
        assertThat(demo.body().get("persons").asInt()).isEqualTo(jdbc.queryForObject(
                "select count(*) from persons where project_id = ?::uuid", Integer.class, pid)).isPositive();
    }

    /** Creates an hourly Files export with the settings, backfills the demo range and returns every row written. */
    private List<JsonNode> exportDemoRange(Map<String, Object> settings) {
        String path = "e2e-models-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", "models " + UUID.randomUUID());
        body.put("interval", "hour");
        body.put("destination", Map.of("type", "Files", "config", Map.of("path", path, "file_format", "JSONLines", "compression", "gzip")));
        ApiClient.Response export = api.post("/api/projects/" + pid + "/batch_exports", body);
        assertThat(export.status()).as(export.body().toString()).isEqualTo(201);
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();
        ApiClient.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).as(backfill.body().toString()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        return ExportedFiles.rowsUnder(dataDir.resolve("exports").resolve(path));
    }

    private static Set<String> keys(JsonNode row) {
        Set<String> keys = new HashSet<>();
        row.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void anIncludeEventsFilterExportsExactlyTheMatchingEvents() {
        List<JsonNode> rows = exportDemoRange(Map.of("filters", Map.of("include_events", List.of("signed_up", "purchase"))));

        List<String> expected = jdbc.queryForList("select uuid::text from events where project_id = ?::uuid"
                + " and event in ('signed_up', 'purchase')", String.class, pid);
        assertThat(expected).isNotEmpty();
        List<String> exported = rows.stream().map(r -> r.get("uuid").asText()).toList();
        assertThat(exported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("event").asText()).isIn("signed_up", "purchase"));
    }

    @Test
    void aSchemaOfThreeFieldsExportsRowsWithExactlyThoseKeys() {
        List<JsonNode> rows = exportDemoRange(Map.of("schema", Map.of("fields", List.of(
                Map.of("expression", "event", "alias", "event"),
                Map.of("expression", "distinct_id", "alias", "user"),
                Map.of("expression", "properties.$browser", "alias", "browser")))));

        assertThat(rows).hasSize(600);
        assertThat(rows).allSatisfy(r -> assertThat(keys(r)).isEqualTo(Set.of("event", "user", "browser")));
        Map<String, Long> browsers = new HashMap<>();
        rows.forEach(r -> browsers.merge(r.get("browser").asText(), 1L, Long::sum));
        Map<String, Long> stored = new HashMap<>();
        jdbc.queryForList("select properties->>'$browser' from events where project_id = ?::uuid", String.class, pid)
                .forEach(b -> stored.merge(b, 1L, Long::sum));
        assertThat(browsers).isEqualTo(stored);
    }

    @Test
    void thePersonsModelExportsEachChangedPersonOnceAtItsLatestVersion() {
        List<JsonNode> rows = exportDemoRange(Map.of("model", "persons"));

        Map<String, Long> latest = new HashMap<>();
        jdbc.queryForList("select id::text as id, version from persons where project_id = ?::uuid and updated_at >= ? and updated_at < ?",
                pid, Timestamp.from(start), Timestamp.from(end)).forEach(p -> latest.put((String) p.get("id"), (Long) p.get("version")));
        assertThat(latest).isNotEmpty();
        assertThat(latest.values()).as("some person changed more than once").anyMatch(v -> v > 1);
        List<String> exported = rows.stream().map(r -> r.get("person_id").asText()).toList();
        assertThat(exported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(latest.keySet());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("version").asLong()).isEqualTo(latest.get(r.get("person_id").asText()));
            assertThat(keys(r)).isEqualTo(Set.of("person_id", "distinct_ids", "properties", "created_at", "version"));
        });
        assertThat(rows).anySatisfy(r -> assertThat(r.get("distinct_ids").size()).isEqualTo(2));
    }
}
