package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.project.ProjectService;
import dev.sluice.common.DataInterval;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunStatus;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunService;
import dev.sluice.security.AppUserRepository;
import dev.sluice.workflow.WorkflowIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SluiceIntegrationTest
class LocalScheduleDriverTest {

    private static final IntervalGrid FIVE_MINUTES = IntervalGrid.utc(ExportInterval.FIVE_MINUTES);

    @Autowired
    LocalScheduleDriver driver;
    @Autowired
    ExportService exports;
    @Autowired
    ProjectService projects;
    @Autowired
    AppUserRepository users;
    @Autowired
    RunService runs;
    @Autowired
    RunLogService logs;
    @Autowired
    BatchExportRunRepository runRepository;
    @Autowired
    Clock clock;

    private UUID projectId;

    @BeforeEach
    void project() {
        UUID admin = users.findByEmail("admin@sluice.test").orElseThrow().getId();
        projectId = projects.create("Scheduling " + UUID.randomUUID(), admin).getId();
    }

    @Test
    void aDueIntervalIsStartedExactlyOnceHoweverOftenTheDriverTicks() throws InterruptedException {
        BatchExport export = exports.create(projectId, draft(false));
        Instant cursor = initialisedCursor(export.getId()).minus(Duration.ofMinutes(10));
        exports.advanceScheduleCursor(export.getId(), cursor);

        for (int i = 0; i < 4; i++) {
            driver.tick();
        }

        List<Instant> due = boundariesAfter(cursor, FIVE_MINUTES.floor(clock.instant()));
        assertThat(due).hasSizeGreaterThanOrEqualTo(2);
        List<BatchExportRun> finished = awaitFinishedRuns(export.getId(), due.size());
        assertThat(finished).extracting(BatchExportRun::getWorkflowId)
                .containsExactlyInAnyOrderElementsOf(due.stream().map(end -> WorkflowIds.run(export.getId(), end)).toList());
        assertThat(finished).allSatisfy(run -> {
            assertThat(run.getBackfillId()).isNull();
            assertThat(run.interval()).isEqualTo(FIVE_MINUTES.intervalEndingAt(run.getDataIntervalEnd()));
            assertThat(logs.search(export.getId(), null, "Run started", run.getId(), 10)).hasSize(1);
            assertThat(logs.search(export.getId(), null, "Run restarted", run.getId(), 10)).isEmpty();
        });
        assertThat(exports.require(export.getId()).getScheduleCursor()).isEqualTo(due.get(due.size() - 1));
    }

    @Test
    void oneTickStartsTheDueRunOfEveryExportThatSharesTheBoundary() throws InterruptedException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            BatchExport export = exports.create(projectId, draft(false));
            exports.advanceScheduleCursor(export.getId(), initialisedCursor(export.getId()).minus(Duration.ofMinutes(5)));
            ids.add(export.getId());
        }

        driver.tick();

        Instant boundary = FIVE_MINUTES.floor(clock.instant());
        for (UUID id : ids) {
            assertThat(exports.require(id).getScheduleCursor()).isEqualTo(boundary);
            assertThat(awaitFinishedRuns(id, 1)).extracting(BatchExportRun::getWorkflowId).contains(WorkflowIds.run(id, boundary));
        }
    }

    @Test
    void aPausedExportStartsNoRunAndSkipsTheIntervalsThatEndWhilePaused() {
        BatchExport export = exports.create(projectId, draft(true));
        Instant cursor = initialisedCursor(export.getId()).minus(Duration.ofMinutes(10));
        exports.advanceScheduleCursor(export.getId(), cursor);

        driver.tick();
        driver.tick();

        assertThat(runs.list(export.getId(), null, null, 10)).isEmpty();
        assertThat(exports.require(export.getId()).getScheduleCursor()).isEqualTo(FIVE_MINUTES.floor(clock.instant()));
        assertThat(driver.describe(export.getId()).paused()).isTrue();
        assertThat(driver.describe(export.getId()).nextRunTimes()).isEmpty();
    }

    @Test
    void describeListsTheNextBoundariesOfAnActiveExport() {
        BatchExport export = exports.create(projectId, draft(false));

        ExportSchedule schedule = driver.describe(export.getId());

        Instant next = FIVE_MINUTES.next(clock.instant());
        assertThat(schedule.paused()).isFalse();
        assertThat(schedule.nextRunTimes()).hasSize(5);
        assertThat(schedule.nextRunTimes().get(0)).isBetween(next.minus(Duration.ofMinutes(5)), next);
        assertThat(schedule.nextRunTimes().get(1)).isEqualTo(schedule.nextRunTimes().get(0).plus(Duration.ofMinutes(5)));
    }

    @Test
    void deletingAnExportCancelsItsUnfinishedRunAndSchedulesNothingMore() {
        BatchExport export = exports.create(projectId, draft(false));
        Instant cursor = initialisedCursor(export.getId());
        Instant now = clock.instant();
        DataInterval interval = FIVE_MINUTES.intervalEndingAt(FIVE_MINUTES.floor(now));
        BatchExportRun unfinished = new BatchExportRun(UUID.randomUUID(), export.getId(), null, interval,
                WorkflowIds.run(export.getId(), interval.end()) + "-gone", now);
        unfinished.markRunning(now);
        runRepository.save(unfinished);

        exports.delete(projectId, export.getId());
        exports.advanceScheduleCursor(export.getId(), cursor.minus(Duration.ofMinutes(10)));
        driver.tick();

        assertThat(runs.list(export.getId(), null, null, 10)).singleElement()
                .satisfies(run -> assertThat(run.getStatus()).isEqualTo(RunStatus.Cancelled));
    }

    /** The driver sets a new export's cursor at the first tick after it was created; wait for it. */
    private Instant initialisedCursor(UUID exportId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            driver.tick();
            Instant cursor = exports.require(exportId).getScheduleCursor();
            if (cursor != null) {
                return cursor;
            }
        }
        throw new AssertionError("the schedule cursor of export " + exportId + " was never set");
    }

    private List<BatchExportRun> awaitFinishedRuns(UUID exportId, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        List<BatchExportRun> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = runs.list(exportId, null, null, 50);
            if (found.size() >= count && found.stream().allMatch(r -> r.getStatus().isFinal())) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " finished runs of export " + exportId + ", found " + found.stream()
                .map(r -> r.getWorkflowId() + "=" + r.getStatus()).toList());
    }

    private static List<Instant> boundariesAfter(Instant cursor, Instant until) {
        List<Instant> ends = new ArrayList<>();
        for (Instant b = FIVE_MINUTES.next(cursor); !b.isAfter(until); b = FIVE_MINUTES.next(b)) {
            ends.add(b);
        }
        return ends;
    }

    private static ExportDraft draft(boolean paused) {
        return new ExportDraft("Every five minutes", "Files", Map.of("path", "schedule-test"), "every 5 minutes", 0, "UTC", "events",
                null, null, paused, null, null);
    }
}
