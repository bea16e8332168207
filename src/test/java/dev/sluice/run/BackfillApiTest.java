package dev.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class BackfillApiTest {

    @LocalServerPort
    int port;

    @Autowired
    BackfillRepository backfillRepository;

    TestApi api;
    String pid;
    String base;

    @BeforeEach
    void export() {
        api = TestApi.admin(port);
        pid = api.createProject("backfills");
        base = "/api/projects/" + pid + "/batch_exports/" + api.post("/api/projects/" + pid + "/batch_exports", Map.of(
                "name", "hourly", "interval", "hour", "paused", true,
                "destination", Map.of("type", "Files", "config", Map.of("path", "backfills-" + UUID.randomUUID()))))
                .body().get("id").asText();
    }

    @Test
    void aBackfillIsCreatedWithItsRunCountAndCanBeReadBack() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(3, ChronoUnit.HOURS);

        TestApi.Response created = api.post(base + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode b = created.body();
        assertThat(UUID.fromString(b.get("id").asText())).isNotNull();
        assertThat(b.get("status").asText()).isIn("Starting", "Running", "Completed");
        assertThat(Instant.parse(b.get("start_at").asText())).isEqualTo(start);
        assertThat(Instant.parse(b.get("end_at").asText())).isEqualTo(end);
        assertThat(b.get("total_runs").asInt()).isEqualTo(3);
        assertThat(b.get("finished_runs").asInt()).isBetween(0, 3);

        JsonNode read = api.get(base + "/backfills/" + b.get("id").asText()).body();
        assertThat(read.get("id")).isEqualTo(b.get("id"));
        assertThat(read.get("total_runs").asInt()).isEqualTo(3);
        assertThat(api.get(base + "/backfills").body().get("results").findValuesAsText("id")).containsExactly(b.get("id").asText());
        assertThat(api.get(base + "/backfills/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void anEndInTheFutureIs400() {
        Instant now = Instant.now();
        TestApi.Response r = api.post(base + "/backfills", Map.of("start_at", now.minus(2, ChronoUnit.HOURS).toString(),
                "end_at", now.plus(2, ChronoUnit.HOURS).toString()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo("end_at");
        assertThat(r.body().get("detail").asText()).contains("future");
    }

    @Test
    void anEndAtOrBeforeTheStartIs400() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);

        for (Instant start : new Instant[] {end, end.plus(1, ChronoUnit.HOURS)}) {
            TestApi.Response r = api.post(base + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body().get("attr").asText()).isEqualTo("end_at");
        }
    }

    @Test
    void aMissingEndOrABadTimestampIs400() {
        Map<String, Object> noEnd = new HashMap<>();
        noEnd.put("start_at", "2026-01-01T00:00:00Z");
        noEnd.put("end_at", null);
        assertThat(api.post(base + "/backfills", noEnd).body().get("attr").asText()).isEqualTo("end_at");
        TestApi.Response bad = api.post(base + "/backfills", Map.of("start_at", "last tuesday", "end_at", "2026-01-01T00:00:00Z"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("attr").asText()).isEqualTo("start_at");
    }

    @Test
    void withoutAStartItBackfillsFromTheEarliestData() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> fromEarliest = new HashMap<>();
        fromEarliest.put("start_at", null);
        fromEarliest.put("end_at", end.toString());

        TestApi.Response noData = api.post(base + "/backfills", fromEarliest);
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.body().get("attr").asText()).isEqualTo("start_at");

        Instant dataStart = end.minus(2, ChronoUnit.HOURS);
        assertThat(api.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", dataStart.toString(), "end_at", end.toString(),
                "events_per_hour", 6, "seed", 1)).status()).isEqualTo(201);
        TestApi.Response created = api.post(base + "/backfills", fromEarliest);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(Instant.parse(created.body().get("start_at").asText())).isEqualTo(dataStart);
        assertThat(created.body().get("total_runs").asInt()).isEqualTo(2);
    }

    @Test
    void aRunningBackfillCanBeCancelledAndAFinishedOneIsAConflict() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode created = api.post(base + "/backfills", Map.of("start_at", end.minus(30, ChronoUnit.DAYS).toString(),
                "end_at", end.toString())).body();
        assertThat(created.get("total_runs").asInt()).isEqualTo(720);

        TestApi.Response cancelled = api.post(base + "/backfills/" + created.get("id").asText() + "/cancel");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("id")).isEqualTo(created.get("id"));

        Backfill done = backfillRepository.findById(UUID.fromString(created.get("id").asText())).orElseThrow();
        Backfill finished = new Backfill(UUID.randomUUID(), done.getBatchExportId(), end.minus(2, ChronoUnit.HOURS), end, 2, Instant.now());
        finished.progress(BackfillStatus.Completed, 2, Instant.now());
        backfillRepository.save(finished);
        TestApi.Response conflict = api.post(base + "/backfills/" + finished.getId() + "/cancel");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("type").asText()).isEqualTo("conflict");
    }
}
