package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A 5-minute export runs by itself: events captured during an interval are in a Completed run for
 * that interval shortly after it closes. Waits in real time for the interval to close (≤ 5 minutes).
 */
@SluiceIntegrationTest
class ScheduledExportEndToEndTest {

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Test
    void aFiveMinuteExportExportsEventsCapturedDuringAnIntervalWithoutManualAction() {
        ApiClient api = new ApiClient(port, "admin@sluice.test", "admin-password-1");
        JsonNode project = api.post("/api/projects", Map.of("name", "e2e schedule " + UUID.randomUUID())).body();
        String pid = project.get("id").asText();

        String path = "e2e-scheduled-" + UUID.randomUUID();
        ApiClient.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", "Every five minutes",
                "interval", "every 5 minutes",
                "destination", Map.of("type", "Files", "config", Map.of(
                        "path", path, "file_format", "JSONLines", "compression", "gzip"))));
        assertThat(export.status()).isEqualTo(201);
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();

        List<Map<String, Object>> batch = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            batch.add(Map.of("event", "$pageview", "distinct_id", "user-" + (i % 4), "uuid", uuid,
                    "properties", Map.of("$current_url", "https://example.com/" + i)));
        }
        Instant capturedAt = Instant.now();
        ApiClient.Response captured = api.postAnonymous("/batch", Map.of("api_key", project.get("api_token").asText(), "batch", batch));
        assertThat(captured.status()).isEqualTo(200);

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode runs = api.get(exportPath + "/runs?status=Completed").body().get("results");
            long recordsInIntervalsHoldingTheCapture = 0;
            for (JsonNode run : runs) {
                Instant start = Instant.parse(run.get("data_interval_start").asText());
                Instant end = Instant.parse(run.get("data_interval_end").asText());
                if (!capturedAt.isBefore(start.minusSeconds(5)) && capturedAt.isBefore(end.plusSeconds(5))) {
                    recordsInIntervalsHoldingTheCapture += run.get("records_completed").asLong();
                }
            }
            assertThat(recordsInIntervalsHoldingTheCapture).isEqualTo(20);
        });
        assertThat(ExportedFiles.uuidsUnder(dataDir.resolve("exports").resolve(path))).containsExactlyInAnyOrderElementsOf(uuids);
    }
}
