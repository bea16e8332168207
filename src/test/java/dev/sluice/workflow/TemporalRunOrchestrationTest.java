package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.DataInterval;
import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.export.ExportUnpaused;
import dev.sluice.project.ProjectService;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillRepository;
import dev.sluice.run.BackfillService;
import dev.sluice.run.BackfillStatus;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunService;
import dev.sluice.run.RunStatus;
import dev.sluice.security.AppUserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Retries, cancellations and backfills through the run feature's services, on the embedded server. */
@SluiceIntegrationTest
class TemporalRunOrchestrationTest {

    private static final IntervalGrid HOURS = IntervalGrid.utc(ExportInterval.HOUR);

    @Autowired
    ExportService exports;
    @Autowired
    ProjectService projects;
    @Autowired
    AppUserRepository users;
    @Autowired
    RunService runService;
    @Autowired
    BackfillService backfillService;
    @Autowired
    BatchExportRunRepository runs;
    @Autowired
    BackfillRepository backfills;
    @Autowired
    RunLogService logs;
    @Autowired
    Clock clock;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void retryingACompletedRunExportsItsIntervalAgainUnderASuffixedId() throws InterruptedException {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        DataInterval interval = HOURS.intervalEndingAt(HOURS.floor(clock.instant()));
        BatchExportRun original = run(export.getId(), interval, WorkflowIds.run(export.getId(), interval.end()), RunStatus.Completed);

        runService.retry(export.getId(), original.getId());

        String retryId = WorkflowIds.retry(export.getId(), interval.end(), 1);
        BatchExportRun retried = SluiceFixtures.await(Duration.ofSeconds(60), "the retried run to finish",
                () -> runs.findByWorkflowId(retryId).filter(r -> r.getStatus().isFinal()).orElse(null));
        assertThat(retried.interval()).isEqualTo(interval);
        assertThat(retried.getId()).isNotEqualTo(original.getId());
        assertThat(runs.findById(original.getId()).orElseThrow().getStatus()).isEqualTo(RunStatus.Completed);
    }

    @Test
    void cancellingARunWhoseWorkflowIsGoneMarksItCancelled() {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        DataInterval interval = HOURS.intervalEndingAt(HOURS.floor(clock.instant()));
        BatchExportRun orphan = run(export.getId(), interval, WorkflowIds.run(export.getId(), interval.end()), RunStatus.Running);

        runService.cancel(export.getId(), orphan.getId());

        BatchExportRun cancelled = runs.findById(orphan.getId()).orElseThrow();
        assertThat(cancelled.getStatus()).isEqualTo(RunStatus.Cancelled);
        assertThat(cancelled.getFinishedAt()).isNotNull();
    }

    @Test
    void aBackfillRunsEveryCompleteIntervalOfItsRangeAndRecordsItsProgress() throws InterruptedException {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        Instant now = clock.instant();
        Instant lastEnd = HOURS.floor(now);

        Backfill created = backfillService.create(export.getProjectId(), export.getId(), lastEnd.minus(Duration.ofMinutes(170)), now);

        assertThat(created.getTotalRuns()).isEqualTo(3);
        Backfill done = SluiceFixtures.await(Duration.ofSeconds(90), "the backfill to finish",
                () -> backfills.findById(created.getId()).filter(b -> b.getStatus().isFinal()).orElse(null));
        List<BatchExportRun> backfillRuns = runs.findByBackfillId(created.getId());
        assertThat(backfillRuns).extracting(BatchExportRun::getWorkflowId).containsExactlyInAnyOrder(
                WorkflowIds.run(export.getId(), lastEnd.minus(Duration.ofHours(2))),
                WorkflowIds.run(export.getId(), lastEnd.minus(Duration.ofHours(1))),
                WorkflowIds.run(export.getId(), lastEnd));
        assertThat(backfillRuns).allSatisfy(r -> assertThat(r.getStatus().isFinal()).isTrue());
        assertThat(done.getFinishedRuns()).isEqualTo(3);
        assertThat(done.getFinishedAt()).isNotNull();
        assertThat(done.getWorkflowId()).isEqualTo(WorkflowIds.backfill(export.getId(), done.getStartAt(), done.getEndAt()));
        boolean allCompleted = backfillRuns.stream().allMatch(r -> r.getStatus() == RunStatus.Completed);
        assertThat(done.getStatus()).isEqualTo(allCompleted ? BackfillStatus.Completed : BackfillStatus.Failed);
        assertThat(logs.search(export.getId(), null, "Backfill " + created.getId() + " started: 3 runs", null, 10)).hasSize(1);
    }

    @Test
    void unpausingWithTheGapBackfilledStartsABackfillOnceTheUnpauseCommitted() throws InterruptedException {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        Instant now = clock.instant();
        Instant pausedAt = HOURS.floor(now).minus(Duration.ofMinutes(150));

        transactions.executeWithoutResult(status -> events.publishEvent(new ExportUnpaused(export.getId(), pausedAt, now)));

        Backfill gap = SluiceFixtures.await(Duration.ofSeconds(30), "the backfill of the paused gap",
                () -> backfills.findByBatchExportIdOrderByCreatedAtDesc(export.getId()).stream().findFirst().orElse(null));
        assertThat(gap.getStartAt()).isEqualTo(pausedAt);
        assertThat(gap.getTotalRuns()).isEqualTo(3);
        Backfill done = SluiceFixtures.await(Duration.ofSeconds(90), "the gap backfill to finish",
                () -> backfills.findById(gap.getId()).filter(b -> b.getStatus().isFinal()).orElse(null));
        assertThat(done.getFinishedRuns()).isEqualTo(3);
        assertThat(runs.findByBackfillId(gap.getId())).hasSize(3);
    }

    @Test
    void cancellingABackfillWhoseWorkflowIsGoneMarksItCancelled() {
        BatchExport export = SluiceFixtures.hourlyExport(projects, users, exports);
        Instant now = clock.instant();
        Backfill orphan = new Backfill(UUID.randomUUID(), export.getId(), HOURS.floor(now).minus(Duration.ofHours(2)), HOURS.floor(now), 2, now);
        orphan.startedAs("export-" + export.getId() + "-backfill-gone", now);
        backfills.save(orphan);

        backfillService.cancel(export.getProjectId(), export.getId(), orphan.getId());

        assertThat(backfills.findById(orphan.getId()).orElseThrow().getStatus()).isEqualTo(BackfillStatus.Cancelled);
    }

    private BatchExportRun run(UUID exportId, DataInterval interval, String workflowId, RunStatus status) {
        Instant now = clock.instant();
        BatchExportRun run = new BatchExportRun(UUID.randomUUID(), exportId, null, interval, workflowId, now);
        run.markRunning(now);
        if (status.isFinal()) {
            run.finish(status, 1, 10, null, now);
        }
        return runs.save(run);
    }
}
