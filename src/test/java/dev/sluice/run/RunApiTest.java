package dev.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.common.DataInterval;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SluiceIntegrationTest
class RunApiTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    BatchExportRunRepository runRepository;

    @Autowired
    BackfillRepository backfillRepository;

    @Autowired
    RunLogRepository logRepository;

    @Autowired
    WorkflowClient temporal;

    TestApi api;
    String pid;
    UUID exportId;
    String base;

    @BeforeEach
    void export() {
        api = TestApi.admin(port);
        pid = api.createProject("runs");
        exportId = UUID.fromString(api.post("/api/projects/" + pid + "/batch_exports", Map.of("name", "runs", "paused", true,
                "destination", Map.of("type", "Files", "config", Map.of("path", "runs")))).body().get("id").asText());
        base = "/api/projects/" + pid + "/batch_exports/" + exportId;
    }

    /** Hourly runs ending at T0+1h … T0+n h, with the given statuses, oldest first. */
    private List<BatchExportRun> runs(RunStatus... statuses) {
        Backfill backfill = backfillRepository.save(new Backfill(UUID.randomUUID(), exportId, T0, T0.plus(statuses.length, ChronoUnit.HOURS),
                statuses.length, T0));
        List<BatchExportRun> saved = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            DataInterval interval = new DataInterval(T0.plus(i, ChronoUnit.HOURS), T0.plus(i + 1, ChronoUnit.HOURS));
            BatchExportRun run = new BatchExportRun(UUID.randomUUID(), exportId, i == 0 ? backfill.getId() : null, interval,
                    "test-run-" + UUID.randomUUID(), T0.plus(i + 1, ChronoUnit.HOURS).plusSeconds(5));
            if (statuses[i] == RunStatus.Running) {
                run.markRunning(T0.plus(i + 1, ChronoUnit.HOURS).plusSeconds(6));
            } else if (statuses[i] != RunStatus.Starting) {
                run.finish(statuses[i], 100L * (i + 1), 1000L * (i + 1), statuses[i] == RunStatus.Failed ? "bucket missing" : null,
                        T0.plus(i + 1, ChronoUnit.HOURS).plusSeconds(30));
            }
            saved.add(runRepository.save(run));
        }
        return saved;
    }

    @Test
    void runsAreListedNewestIntervalFirstWithEveryField() {
        List<BatchExportRun> saved = runs(RunStatus.Completed, RunStatus.Failed, RunStatus.Completed);

        TestApi.Response r = api.get(base + "/runs");

        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.body().get("results");
        assertThat(results.findValuesAsText("id")).containsExactly(
                saved.get(2).getId().toString(), saved.get(1).getId().toString(), saved.get(0).getId().toString());
        JsonNode failed = results.get(1);
        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(failed.get("data_interval_start").asText()).isEqualTo("2026-03-01T01:00:00Z");
        assertThat(failed.get("data_interval_end").asText()).isEqualTo("2026-03-01T02:00:00Z");
        assertThat(failed.get("records_completed").asLong()).isEqualTo(200);
        assertThat(failed.get("bytes_exported").asLong()).isEqualTo(2000);
        assertThat(failed.get("latest_error").asText()).isEqualTo("bucket missing");
        assertThat(failed.get("created_at").asText()).isEqualTo("2026-03-01T02:00:05Z");
        assertThat(failed.get("finished_at").asText()).isEqualTo("2026-03-01T02:00:30Z");
        assertThat(failed.get("backfill_id").isNull()).isTrue();
        assertThat(results.get(2).get("backfill_id").asText()).isEqualTo(saved.get(0).getBackfillId().toString());
        assertThat(results.get(0).get("latest_error").isNull()).isTrue();

        JsonNode export = api.get(base).body();
        assertThat(export.get("latest_runs")).isEqualTo(results);
        assertThat(api.get(base + "/runs/" + saved.get(1).getId()).body()).isEqualTo(failed);
    }

    @Test
    void runsFilterByStatusLimitAndBefore() {
        List<BatchExportRun> saved = runs(RunStatus.Completed, RunStatus.Failed, RunStatus.Completed, RunStatus.Failed, RunStatus.Completed);

        assertThat(api.get(base + "/runs?status=Failed").body().get("results").findValuesAsText("id"))
                .containsExactly(saved.get(3).getId().toString(), saved.get(1).getId().toString());
        assertThat(api.get(base + "/runs?limit=2").body().get("results").findValuesAsText("id"))
                .containsExactly(saved.get(4).getId().toString(), saved.get(3).getId().toString());
        assertThat(api.get(base + "/runs?before=2026-03-01T03:00:00Z").body().get("results").findValuesAsText("id"))
                .containsExactly(saved.get(1).getId().toString(), saved.get(0).getId().toString());
        assertThat(api.get(base + "/runs?status=Completed&before=2026-03-01T05:00:00Z&limit=1").body().get("results")
                .findValuesAsText("id")).containsExactly(saved.get(2).getId().toString());
    }

    @Test
    void badRunQueriesAre400NamingTheParameter() {
        assertBadQuery(base + "/runs?limit=0", "limit");
        assertBadQuery(base + "/runs?limit=1001", "limit");
        assertBadQuery(base + "/runs?limit=many", "limit");
        assertBadQuery(base + "/runs?status=Exploded", "status");
        assertBadQuery(base + "/runs?before=yesterday", "before");
        assertBadQuery(base + "/logs?level=TRACE", "level");
        assertBadQuery(base + "/logs?run_id=not-a-uuid", "run_id");
        assertBadQuery(base + "/logs?limit=-1", "limit");
    }

    private void assertBadQuery(String path, String attr) {
        TestApi.Response r = api.get(path);
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo(attr);
        assertThat(r.body().get("detail").asText()).startsWith(attr);
    }

    @Test
    void retryingAFinishedRunIsAcceptedAndAnUnfinishedOneIsAConflict() {
        List<BatchExportRun> saved = runs(RunStatus.Failed, RunStatus.Running);

        TestApi.Response retried = api.post(base + "/runs/" + saved.get(0).getId() + "/retry");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().get("id").asText()).isEqualTo(saved.get(0).getId().toString());

        TestApi.Response conflict = api.post(base + "/runs/" + saved.get(1).getId() + "/retry");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("type").asText()).isEqualTo("conflict");
    }

    @Test
    void cancellingARunningRunReachesItsWorkflowAndAFinishedOneIsAConflict() {
        List<BatchExportRun> saved = runs(RunStatus.Completed, RunStatus.Running);
        temporal.newUntypedWorkflowStub("IdleWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(saved.get(1).getWorkflowId()).setTaskQueue("api-test-no-worker").build()).start();

        TestApi.Response cancelled = api.post(base + "/runs/" + saved.get(1).getId() + "/cancel");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("id").asText()).isEqualTo(saved.get(1).getId().toString());

        TestApi.Response conflict = api.post(base + "/runs/" + saved.get(0).getId() + "/cancel");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("type").asText()).isEqualTo("conflict");
        assertThat(api.post(base + "/runs/" + UUID.randomUUID() + "/cancel").status()).isEqualTo(404);
    }

    @Test
    void logsAreNewestFirstAndFilterByLevelSearchRunAndLimit() {
        UUID runA = UUID.randomUUID();
        UUID runB = UUID.randomUUID();
        logRepository.save(new RunLog(exportId, runA, T0.plusSeconds(1), "INFO", "Run started for [00:00, 01:00)"));
        logRepository.save(new RunLog(exportId, runA, T0.plusSeconds(2), "ERROR", "Bucket analytics-bucket does not exist"));
        logRepository.save(new RunLog(exportId, runB, T0.plusSeconds(3), "INFO", "Run started for [01:00, 02:00)"));
        logRepository.save(new RunLog(exportId, runB, T0.plusSeconds(4), "WARN", "Retrying after a BUCKET timeout"));
        logRepository.save(new RunLog(exportId, null, T0.plusSeconds(5), "INFO", "Export paused"));

        JsonNode all = api.get(base + "/logs").body().get("results");
        assertThat(all.findValuesAsText("message")).containsExactly("Export paused", "Retrying after a BUCKET timeout",
                "Run started for [01:00, 02:00)", "Bucket analytics-bucket does not exist", "Run started for [00:00, 01:00)");
        JsonNode warn = all.get(1);
        assertThat(warn.get("timestamp").asText()).isEqualTo("2026-03-01T00:00:04Z");
        assertThat(warn.get("level").asText()).isEqualTo("WARN");
        assertThat(warn.get("run_id").asText()).isEqualTo(runB.toString());
        assertThat(all.get(0).get("run_id").isNull()).isTrue();

        assertThat(api.get(base + "/logs?level=error").body().get("results").findValuesAsText("message"))
                .containsExactly("Bucket analytics-bucket does not exist");
        assertThat(api.get(base + "/logs?search=bucket").body().get("results").findValuesAsText("message"))
                .containsExactly("Retrying after a BUCKET timeout", "Bucket analytics-bucket does not exist");
        assertThat(api.get(base + "/logs?run_id=" + runA).body().get("results").findValuesAsText("message"))
                .containsExactly("Bucket analytics-bucket does not exist", "Run started for [00:00, 01:00)");
        assertThat(api.get(base + "/logs?limit=2&level=INFO").body().get("results").findValuesAsText("message"))
                .containsExactly("Export paused", "Run started for [01:00, 02:00)");
    }
}
