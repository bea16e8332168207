package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class RunMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCompletedBackfillAddsItsRecordsBytesRunsAndDurationsToTheMetrics() {
        TestApi api = TestApi.admin(port);
        double recordsBefore = counter("sluice.export.records", "destination_type", "Files");
        double bytesBefore = counter("sluice.export.bytes", "destination_type", "Files");
        double completedBefore = counter("sluice.runs.finished", "status", "Completed");
        String pid = api.post("/api/projects", Map.of("name", "metrics " + UUID.randomUUID())).body().get("id").asText();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(2, ChronoUnit.HOURS);
        api.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", start.toString(), "end_at", end.toString(),
                "events_per_hour", 30, "seed", 3));
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", "metrics", "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", "metrics-" + UUID.randomUUID(), "file_format", "CSV"))))
                .body().get("id").asText();
        String backfillPath = exportPath + "/backfills/" + api.post(exportPath + "/backfills",
                Map.of("start_at", start.toString(), "end_at", end.toString())).body().get("id").asText();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        long records = 0;
        long bytes = 0;
        for (JsonNode run : api.get(exportPath + "/runs").body().get("results")) {
            records += run.get("records_completed").asLong();
            bytes += run.get("bytes_exported").asLong();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(counter("sluice.runs.finished", "status", "Completed")).isGreaterThanOrEqualTo(completedBefore + 2));
        assertThat(counter("sluice.export.records", "destination_type", "Files") - recordsBefore).isEqualTo(records);
        assertThat(counter("sluice.export.bytes", "destination_type", "Files") - bytesBefore).isEqualTo(bytes);
        assertThat(meters.find("sluice.run.duration").tag("status", "Completed").timer()).isNotNull()
                .satisfies(t -> assertThat(t.count()).isGreaterThanOrEqualTo(2));
        assertThat(meters.find("sluice.runs.open").tag("status", "Running").gauge()).isNotNull();
    }

    @Test
    void temporalSdkMetricsGoToTheApplicationsMeterRegistry() {
        assertThat(meters.getMeters()).anySatisfy(m -> assertThat(m.getId().getName()).startsWith("temporal_"));
    }

    @Test
    void readinessIsUpWithTheDatabaseAndTemporalInItsGroup() {
        assertThat(TestApi.anonymous(port).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private double counter(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
