package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The crash scenario on a real process: Sluice runs a long backfill to Files, is stopped
 * ({@code kill -9}, or SIGTERM) while some intervals are done and others are not, and is started
 * again on the same data dir. The backfill ends {@code Completed} and every event is in the files
 * exactly once. Run it alone with {@code ./mvnw -o test -Dtest=BackfillAcrossRestartsEndToEndTest};
 * add {@code -Dsluice.e2e.jar=target/sluice-0.1.0-SNAPSHOT.jar} to run the packaged app instead.
 */
class BackfillAcrossRestartsEndToEndTest {

    private interface Stop {
        void stop(SluiceProcess sluice) throws Exception;
    }

    private static final int HOURS = 24;
    private static final int EVENTS_PER_HOUR = 300;
    private static final Duration START_UP = Duration.ofMinutes(3);

    @Test
    void aBackfillKilledMidwayCompletesAfterARestartWithEveryEventExportedExactlyOnce() throws Exception {
        backfillAcrossARestart(SluiceProcess::kill);
    }

    /** SIGTERM: the workers stop polling and the running exports end at a checkpoint before the process exits. */
    @Test
    void aBackfillStoppedBySigtermMidwayCompletesAfterARestartWithEveryEventExportedExactlyOnce() throws Exception {
        backfillAcrossARestart(sluice -> {
            long started = System.nanoTime();
            int exit = sluice.terminate(Duration.ofSeconds(90));
            assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
            String log = sluice.logText();
            assertThat(log).contains("Stopping Temporal workers").contains("Temporal workers stopped").contains("shut down postmaster");
            assertThat(log.indexOf("Temporal workers stopped")).as("the workers stop before the database")
                    .isLessThan(log.indexOf("shut down postmaster"));
        });
    }

    private void backfillAcrossARestart(Stop stop) throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-restart-");
        try (SluiceProcess sluice = new SluiceProcess(dataDir, List.of("--sluice.workflow.backfill-concurrency=2"))) {
            sluice.start(START_UP);
            ApiClient api = new ApiClient(sluice.httpPort(), SluiceProcess.ADMIN_EMAIL, SluiceProcess.ADMIN_PASSWORD);

            String pid = api.post("/api/projects", Map.of("name", "restart " + UUID.randomUUID())).body().get("id").asText();
            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant start = end.minus(HOURS, ChronoUnit.HOURS);
            ApiClient.Response demo = api.post("/api/projects/" + pid + "/demo_data", Map.of(
                    "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", EVENTS_PER_HOUR, "seed", 9));
            assertThat(demo.status()).isEqualTo(201);
            String path = "restart-" + UUID.randomUUID();
            ApiClient.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                    "name", "Hourly files", "interval", "hour", "paused", true,
                    "destination", Map.of("type", "Files", "config", Map.of(
                            "path", path, "file_format", "JSONLines", "compression", "gzip", "max_file_size_mb", 1))));
            assertThat(export.status()).as(export.body().toString()).isEqualTo(201);
            String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();
            ApiClient.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
            assertThat(backfill.status()).isEqualTo(201);
            assertThat(backfill.body().get("total_runs").asInt()).isEqualTo(HOURS);
            String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();

            int completedBeforeStop = awaitSomeCompletedRuns(api, exportPath, 3);
            stop.stop(sluice);
            assertThat(completedBeforeStop).as("runs completed when stopped").isBetween(3, HOURS - 1);

            sluice.start(START_UP);
            JsonNode finished = awaitFinalBackfill(api, backfillPath, Duration.ofMinutes(4));
            assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("Completed");
            assertThat(finished.get("finished_runs").asInt()).isEqualTo(HOURS);

            JsonNode runs = api.get(exportPath + "/runs?limit=1000").body().get("results");
            Map<String, Long> recordsPerInterval = new HashMap<>();
            for (JsonNode run : runs) {
                assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Completed");
                recordsPerInterval.merge(run.get("data_interval_end").asText(), run.get("records_completed").asLong(), Long::sum);
            }
            assertThat(recordsPerInterval).hasSize(HOURS).allSatisfy((intervalEnd, records) -> assertThat(records).isEqualTo(EVENTS_PER_HOUR));
            JsonNode restartLogs = api.get(exportPath + "/logs?search=" + "Sluice%20restarted&limit=1000").body().get("results");
            assertThat(restartLogs).as("the restart is in the export's log").isNotEmpty();

            List<String> exported = ExportedFiles.uuidsUnder(dataDir.resolve("exports").resolve(path));
            List<String> stored = eventUuids(sluice.postgresPort(), pid);
            assertThat(stored).hasSize(HOURS * EVENTS_PER_HOUR);
            assertThat(exported).hasSize(stored.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(exported)).isEqualTo(new HashSet<>(stored));
        }
    }

    /** Polls until at least {@code atLeast} runs completed; returns how many had. */
    private static int awaitSomeCompletedRuns(ApiClient api, String exportPath, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            int completed = api.get(exportPath + "/runs?status=Completed&limit=1000").body().get("results").size();
            if (completed >= atLeast) {
                return completed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + atLeast + " runs completed in time");
    }

    private static JsonNode awaitFinalBackfill(ApiClient api, String backfillPath, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode backfill = null;
        while (System.nanoTime() < deadline) {
            backfill = api.get(backfillPath).body();
            String status = backfill.get("status").asText();
            if (!status.equals("Starting") && !status.equals("Running")) {
                return backfill;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The backfill did not finish in time: " + backfill);
    }

    private static List<String> eventUuids(int postgresPort, String projectId) throws Exception {
        List<String> uuids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/sluice", "postgres", "");
             PreparedStatement s = c.prepareStatement("select uuid::text from events where project_id = ?::uuid")) {
            s.setString(1, projectId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    uuids.add(rs.getString(1));
                }
            }
        }
        return uuids;
    }
}
