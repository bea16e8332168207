package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The foundation's promise, through the API as a script would use it. */
@SluiceIntegrationTest
class BackfillToFilesEndToEndTest {

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Autowired
    DataSource dataSource;

    @Test
    void aBackfillOfThreeHoursExportsEveryDemoEventExactlyOnceInOneCompletedRunPerHour() {
        ApiClient api = new ApiClient(port, "admin@sluice.test", "admin-password-1");
        ApiClient.Response project = api.post("/api/projects", Map.of("name", "e2e backfill " + UUID.randomUUID()));
        assertThat(project.status()).isEqualTo(201);
        String pid = project.body().get("id").asText();

        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(3, ChronoUnit.HOURS);
        ApiClient.Response demo = api.post("/api/projects/" + pid + "/demo_data", Map.of(
                "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", 250, "seed", 42));
        assertThat(demo.status()).isEqualTo(201);
        assertThat(demo.body().get("inserted").asInt()).isEqualTo(750);

        String path = "e2e-" + UUID.randomUUID();
        ApiClient.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", "Hourly files",
                "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of(
                        "path", path, "file_format", "JSONLines", "compression", "gzip"))));
        assertThat(export.status()).isEqualTo(201);
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();

        ApiClient.Response backfill = api.post(exportPath + "/backfills", Map.of(
                "start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).isEqualTo(201);
        assertThat(backfill.body().get("total_runs").asInt()).isEqualTo(3);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        JsonNode finished = api.get(backfillPath).body();
        assertThat(finished.get("finished_runs").asInt()).isEqualTo(3);

        JsonNode runs = api.get(exportPath + "/runs").body().get("results");
        assertThat(runs).hasSize(3);
        List<Instant> intervalEnds = new ArrayList<>();
        long recordsCompleted = 0;
        for (JsonNode run : runs) {
            assertThat(run.get("status").asText()).isEqualTo("Completed");
            assertThat(run.get("records_completed").asLong()).isEqualTo(250);
            assertThat(run.get("bytes_exported").asLong()).isPositive();
            intervalEnds.add(Instant.parse(run.get("data_interval_end").asText()));
            recordsCompleted += run.get("records_completed").asLong();
        }
        assertThat(intervalEnds).containsExactly(end, end.minus(1, ChronoUnit.HOURS), end.minus(2, ChronoUnit.HOURS));
        assertThat(recordsCompleted).isEqualTo(750);

        List<String> exported = ExportedFiles.uuidsUnder(dataDir.resolve("exports").resolve(path));
        List<String> stored = new JdbcTemplate(dataSource).queryForList(
                "select uuid::text from events where project_id = ?::uuid", String.class, pid);
        assertThat(exported).hasSize(750).doesNotHaveDuplicates();
        assertThat(new HashSet<>(exported)).isEqualTo(new HashSet<>(stored));
    }
}
