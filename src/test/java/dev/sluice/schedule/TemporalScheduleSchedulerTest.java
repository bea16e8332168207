package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.export.BatchExport;
import dev.sluice.export.BatchExportRepository;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUserRepository;
import dev.sluice.workflow.ExportRunInput;
import dev.sluice.workflow.ExportRunStarter;
import dev.sluice.workflow.TaskQueues;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Temporal Schedule adapter against real exports, with Temporal's schedule API in memory: the
 * in-process server has none, and this adapter only runs against a cluster.
 */
@SluiceIntegrationTest
class TemporalScheduleSchedulerTest {

    @Autowired
    ExportService exports;
    @Autowired
    BatchExportRepository exportRepository;
    @Autowired
    ExportRunStarter starter;
    @Autowired
    ProjectService projects;
    @Autowired
    AppUserRepository users;
    @Autowired
    Clock clock;

    private final InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    private TemporalScheduleScheduler scheduler;
    private UUID projectId;

    @BeforeEach
    void setUp() {
        scheduler = new TemporalScheduleScheduler(schedules, exports, exportRepository, starter, clock);
        UUID admin = users.findByEmail("admin@sluice.test").orElseThrow().getId();
        projectId = projects.create("Temporal schedules " + UUID.randomUUID(), admin).getId();
    }

    @Test
    void anExportGetsOneScheduleThatStartsItsRunWorkflowAtEveryBoundary() {
        Instant startAt = Instant.parse("2024-01-01T00:00:00Z");
        BatchExport export = exports.create(projectId, draft("day", 9 * 3600, "Europe/Berlin", true, startAt));

        scheduler.upsert(export.getId());

        Schedule schedule = schedules.schedules.get("batch-export-" + export.getId());
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
        assertThat(action.getWorkflowType()).isEqualTo("ExportRunWorkflow");
        assertThat(action.getOptions().getWorkflowId()).isEqualTo("export-" + export.getId());
        assertThat(action.getOptions().getTaskQueue()).isEqualTo(TaskQueues.EXPORTS);
        assertThat(action.getArguments().get(0, ExportRunInput.class)).isEqualTo(new ExportRunInput(export.getId(), null, null, null));
        assertThat(schedule.getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
        assertThat(schedule.getState().isPaused()).isTrue();
        assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("Europe/Berlin");
        assertThat(schedule.getSpec().getStartAt()).isEqualTo(startAt.plusSeconds(1));
        assertThat(schedule.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(15));
        ScheduleCalendarSpec calendar = schedule.getSpec().getCalendars().get(0);
        assertThat(calendar.getHour()).containsExactly(new ScheduleRange(9));
        assertThat(calendar.getMinutes()).containsExactly(new ScheduleRange(0));
    }

    @Test
    void upsertingAgainUpdatesTheScheduleAndItsPausedState() {
        BatchExport export = exports.create(projectId, draft("hour", 0, "UTC", true, null));
        scheduler.upsert(export.getId());

        exports.unpause(projectId, export.getId(), false);
        scheduler.upsert(export.getId());

        assertThat(schedules.creates.get()).isEqualTo(1);
        assertThat(schedules.updates.get()).isEqualTo(1);
        assertThat(scheduler.describe(export.getId()).paused()).isFalse();
        assertThat(scheduler.describe(export.getId()).nextRunTimes()).containsExactly(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(schedules.schedules.get("batch-export-" + export.getId()).getSpec().getIntervals().get(0).getEvery())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDeletedExportLosesItsScheduleAndDeletingTwiceIsHarmless() {
        BatchExport export = exports.create(projectId, draft("hour", 0, "UTC", true, null));
        scheduler.upsert(export.getId());

        exports.delete(projectId, export.getId());
        scheduler.upsert(export.getId());
        scheduler.delete(export.getId());

        assertThat(schedules.schedules).doesNotContainKey("batch-export-" + export.getId());
    }

    private static ExportDraft draft(String interval, int offset, String zone, boolean paused, Instant startAt) {
        return new ExportDraft("Scheduled by Temporal", "Files", Map.of("path", "temporal-schedules"), interval, offset, zone, "events",
                null, null, paused, startAt, null);
    }
}
