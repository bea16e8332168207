package dev.sluice.source.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.e2e.ExportedFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SluiceIntegrationTest
class ClickHouseSourceSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private static ClickHouseShim clickhouse;

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startClickHouse() throws Exception {
        clickhouse = ClickHouseShim.start();
        clickhouse.execute("CREATE DATABASE ph");
        clickhouse.execute("""
                CREATE TABLE ph.events (
                    uuid UUID, event String, properties String, timestamp DateTime64(6, 'UTC'), team_id Int64,
                    distinct_id String, person_id UUID, inserted_at Nullable(DateTime64(6, 'UTC')), _timestamp DateTime DEFAULT now())
                ENGINE = ReplacingMergeTree(_timestamp) ORDER BY (team_id, toDate(timestamp), event, cityHash64(uuid))""");
    }

    @AfterAll
    static void stopClickHouse() throws Exception {
        clickhouse.close();
    }

    @Test
    void theSourcePasswordIsWriteOnlyAndStoredEncrypted() {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("ch settings");
        String path = "/api/projects/" + pid + "/source";

        assertThat(admin.get(path).body().get("type").asText()).isEqualTo("Postgres");
        TestApi.Response put = admin.put(path, Map.of("type", "ClickHouse", "url", "http://127.0.0.1:8123", "database", "posthog",
                "user", "reader", "password", "s3cret-pw", "team_id", 2));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        TestApi.Response got = admin.get(path);
        assertThat(got.text()).doesNotContain("s3cret-pw");
        assertThat(got.body().get("has_password").asBoolean()).isTrue();
        assertThat(got.body().get("team_id").asLong()).isEqualTo(2);
        String stored = jdbc.queryForObject("select password_encrypted from project_sources where project_id = ?::uuid", String.class, pid);
        assertThat(stored).isNotBlank().doesNotContain("s3cret-pw");

        assertThat(admin.put(path, Map.of("type", "ClickHouse", "url", "http://127.0.0.1:8123", "database", "posthog")).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select password_encrypted from project_sources where project_id = ?::uuid", String.class, pid))
                .as("a PUT without a password keeps it").isEqualTo(stored);

        TestApi.Response badUrl = admin.put(path, Map.of("type", "ClickHouse", "url", "ftp://x"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body().get("attr").asText()).isEqualTo("url");
        TestApi.Response badDatabase = admin.put(path, Map.of("type", "ClickHouse", "url", "http://h:8123", "database", "a; drop"));
        assertThat(badDatabase.body().get("attr").asText()).isEqualTo("database");
        assertThat(admin.addMember(pid, "EDITOR").put(path, Map.of("type", "Postgres")).status()).isEqualTo(403);

        assertThat(admin.put(path, Map.of("type", "Postgres")).body().get("type").asText()).isEqualTo("Postgres");
    }

    @Test
    void anExportOfAProjectWithAClickHouseSourceExportsItsDeduplicatedEvents() throws Exception {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("ch export");
        long team = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(1, ChronoUnit.HOURS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String uuid = UUID.randomUUID().toString();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("uuid", uuid);
            row.put("event", i % 2 == 0 ? "$pageview" : "purchase");
            row.put("properties", JSON.writeValueAsString(Map.of("$browser", "Firefox", "i", i)));
            Instant at = start.plus(i, ChronoUnit.MINUTES);
            row.put("timestamp", CH_TIME.format(at));
            row.put("team_id", team);
            row.put("distinct_id", "d" + i);
            row.put("person_id", UUID.randomUUID().toString());
            row.put("inserted_at", CH_TIME.format(at));
            clickhouse.execute("INSERT INTO ph.events FORMAT JSONEachRow " + JSON.writeValueAsString(row));
            if (i % 5 == 0) {
                clickhouse.execute("INSERT INTO ph.events FORMAT JSONEachRow " + JSON.writeValueAsString(row));
            }
            expected.add(uuid);
        }
        TestApi.Response put = admin.put("/api/projects/" + pid + "/source", Map.of("type", "ClickHouse", "url", clickhouse.url(),
                "database", "ph", "user", "default", "password", "", "team_id", team));
        assertThat(put.status()).as(put.text()).isEqualTo(200);

        String files = "ch-" + UUID.randomUUID();
        Map<String, Object> export = new HashMap<>();
        export.put("name", "ClickHouse to files");
        export.put("interval", "hour");
        export.put("destination", Map.of("type", "Files", "config", Map.of("path", files, "file_format", "JSONLines", "compression", "gzip")));
        TestApi.Response created = admin.post("/api/projects/" + pid + "/batch_exports", export);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + created.body().get("id").asText();
        TestApi.Response backfill = admin.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).as(backfill.text()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(admin.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));

        assertThat(ExportedFiles.uuidsUnder(dataDir.resolve("exports").resolve(files))).containsExactlyElementsOf(expected);
        assertThat(admin.get(exportPath + "/runs").body().get("results").get(0).get("records_completed").asLong()).isEqualTo(30);
    }
}
