package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.DataInterval;
import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.project.ProjectService;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillRepository;
import dev.sluice.run.BackfillStatus;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunStatus;
import dev.sluice.security.AppUserRepository;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a restart of the embedded server forgot is started again from the database. */
@SluiceIntegrationTest
class StartupReconciliationTest {

    private static final IntervalGrid HOURS = IntervalGrid.utc(ExportInterval.HOUR);

    @Autowired
    StartupReconciliation reconciliation;
    @Autowired
    ExportService exports;
    @Autowired
    ProjectService projects;
    @Autowired
    AppUserRepository users;
    @Autowired
    BatchExportRunRepository runs;
    @Autowired
    BackfillRepository backfills;
    @Autowired
    RunLogService logs;
    @Autowired
    WorkflowClient client;
    @Autowired
    Clock clock;

    @Test
    void aRunLeftRunningIsStartedAgainUnderItsOwnWorkflowId() throws InterruptedException {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        Instant now = clock.instant();
        DataInterval interval = HOURS.intervalEndingAt(HOURS.floor(now));
        BatchExportRun run = runningRun(export.getId(), null, interval, WorkflowIds.run(export.getId(), interval.end()), now);

        assertThat(reconciliation.reconcile()).isPositive();

        BatchExportRun finished = awaitFinal(run.getId());
        assertThat(finished.getWorkflowId()).isEqualTo(run.getWorkflowId());
        assertThat(client.fetchHistory(run.getWorkflowId()).getEvents()).isNotEmpty();
        assertThat(logs.search(export.getId(), null, "Sluice restarted while this run was Running", run.getId(), 10)).hasSize(1);
        assertThat(logs.search(export.getId(), null, "Run restarted for " + interval, run.getId(), 10)).hasSize(1);
    }

    @Test
    void anUnfinishedBackfillRunsOnlyTheIntervalsItHadNotCompleted() throws InterruptedException {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        Instant now = clock.instant();
        Instant lastEnd = HOURS.floor(now);
        List<DataInterval> intervals = HOURS.intervalsOverlapping(lastEnd.minus(Duration.ofHours(3)), lastEnd);
        Backfill backfill = new Backfill(UUID.randomUUID(), export.getId(), intervals.get(0).start(), lastEnd, 3, now);
        backfill.startedAs(WorkflowIds.backfill(export.getId(), backfill.getStartAt(), backfill.getEndAt()), now);
        backfill.progress(BackfillStatus.Running, 1, now);
        backfills.save(backfill);
        BatchExportRun completed = runningRun(export.getId(), backfill.getId(), intervals.get(0),
                WorkflowIds.run(export.getId(), intervals.get(0).end()), now);
        completed.finish(RunStatus.Completed, 5, 50, null, now);
        runs.save(completed);
        BatchExportRun interrupted = runningRun(export.getId(), backfill.getId(), intervals.get(1),
                WorkflowIds.run(export.getId(), intervals.get(1).end()), now);

        reconciliation.reconcile();

        Backfill done = SluiceFixtures.await(Duration.ofSeconds(90), "the backfill to finish",
                () -> backfills.findById(backfill.getId()).filter(b -> b.getStatus().isFinal()).orElse(null));
        List<BatchExportRun> backfillRuns = runs.findByBackfillId(backfill.getId());
        assertThat(backfillRuns).extracting(BatchExportRun::getWorkflowId).containsExactlyInAnyOrder(
                completed.getWorkflowId(), interrupted.getWorkflowId(), WorkflowIds.run(export.getId(), intervals.get(2).end()));
        assertThat(runs.findById(completed.getId()).orElseThrow()).satisfies(run -> {
            assertThat(run.getStatus()).isEqualTo(RunStatus.Completed);
            assertThat(run.getRecordsCompleted()).isEqualTo(5);
        });
        assertThat(logs.search(export.getId(), null, "Run restarted", interrupted.getId(), 10)).hasSize(1);
        assertThat(done.getFinishedRuns()).isEqualTo(3);
        boolean allCompleted = backfillRuns.stream().allMatch(r -> r.getStatus() == RunStatus.Completed);
        assertThat(done.getStatus()).isEqualTo(allCompleted ? BackfillStatus.Completed : BackfillStatus.Failed);
    }

    private BatchExportRun runningRun(UUID exportId, UUID backfillId, DataInterval interval, String workflowId, Instant now) {
        BatchExportRun run = new BatchExportRun(UUID.randomUUID(), exportId, backfillId, interval, workflowId, now);
        run.markRunning(now);
        return runs.save(run);
    }

    private BatchExportRun awaitFinal(UUID runId) throws InterruptedException {
        return SluiceFixtures.await(Duration.ofSeconds(60), "run " + runId + " to finish",
                () -> runs.findById(runId).filter(r -> r.getStatus().isFinal()).orElse(null));
    }
}
