package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The web/worker split with real processes: a web-only Sluice owns the embedded PostgreSQL and
 * Temporal server on fixed loopback ports and runs no export; a worker-only Sluice started with
 * {@code SPRING_DATASOURCE_URL} and {@code TEMPORAL_TARGET} pointing at them (and the same data dir,
 * for the key ring and the Files exports) completes the work, and reports it on its own
 * {@code /actuator/prometheus}.
 */
class WebAndWorkerProcessesEndToEndTest {

    private static final Pattern RECORDS = Pattern.compile("^sluice_export_records_total\\{destination_type=\"Files\".*} (\\S+)$", Pattern.MULTILINE);

    @Test
    void aBackfillWaitsInTheWebProcessUntilAWorkerProcessJoinsItsDatabaseAndTemporalAndCompletesIt() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-processes-");
        Path logs = Path.of("target", "sluice-processes");
        SluiceProcess web = new SluiceProcess(SluiceProcess.options(dataDir).named("web").logsIn(logs).withEnv(Map.of("SLUICE_ROLES", "web")));
        SluiceProcess worker = new SluiceProcess(SluiceProcess.options(dataDir).named("worker").logsIn(logs).withEnv(Map.of(
                        "SLUICE_ROLES", "worker",
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + web.postgresPort() + "/sluice",
                        "SPRING_DATASOURCE_USERNAME", "postgres",
                        "TEMPORAL_TARGET", "127.0.0.1:" + web.temporalPort())));
        try (web; worker) {
            web.start(Duration.ofSeconds(150));
            ApiClient api = new ApiClient(web.httpPort(), SluiceProcess.ADMIN_EMAIL, SluiceProcess.ADMIN_PASSWORD);

            String pid = api.post("/api/projects", Map.of("name", "Split processes")).body().get("id").asText();
            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant start = end.minus(2, ChronoUnit.HOURS);
            assertThat(api.post("/api/projects/" + pid + "/demo_data", Map.of(
                    "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", 40, "seed", 7)).status()).isEqualTo(201);
            ApiClient.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                    "name", "Files from the split", "interval", "hour",
                    "destination", Map.of("type", "Files", "config", Map.of("path", "split", "file_format", "JSONLines", "compression", "gzip"))));
            assertThat(export.status()).isEqualTo(201);
            String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();
            ApiClient.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
            assertThat(backfill.status()).isEqualTo(201);
            String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();

            Thread.sleep(5_000);
            JsonNode waiting = api.get(backfillPath).body();
            assertThat(waiting.get("status").asText()).isIn("Starting", "Running");
            assertThat(waiting.get("finished_runs").asInt()).isZero();
            assertThat(api.get(exportPath + "/runs").body().get("results")).isEmpty();
            assertThat(web.get("/actuator/prometheus").body()).doesNotContain("sluice_export_records_total");

            worker.start(Duration.ofSeconds(150));
            assertThat(worker.get("/api/projects").status()).isEqualTo(404);
            assertThat(worker.get("/").status()).isEqualTo(404);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
            long exported = 0;
            for (JsonNode run : api.get(exportPath + "/runs").body().get("results")) {
                assertThat(run.get("status").asText()).isEqualTo("Completed");
                exported += run.get("records_completed").asLong();
            }
            assertThat(exported).isEqualTo(80);
            assertThat(ExportedFiles.uuidsUnder(dataDir.resolve("exports").resolve("split"))).hasSize(80);

            Matcher counter = RECORDS.matcher(worker.get("/actuator/prometheus").body());
            assertThat(counter.find()).as("sluice_export_records_total on the worker").isTrue();
            assertThat(Double.parseDouble(counter.group(1))).isEqualTo((double) exported);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }
}
