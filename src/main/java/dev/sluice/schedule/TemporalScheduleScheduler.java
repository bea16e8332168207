package dev.sluice.schedule;

import dev.sluice.export.BatchExport;
import dev.sluice.export.BatchExportRepository;
import dev.sluice.export.ExportService;
import dev.sluice.workflow.ExportRunInput;
import dev.sluice.workflow.ExportRunStarter;
import dev.sluice.workflow.ExportRunWorkflow;
import dev.sluice.workflow.TaskQueues;
import dev.sluice.workflow.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One Temporal Schedule per export ({@code batch-export-<exportId>}) on a Temporal cluster. Each
 * action starts {@code ExportRunWorkflow} with id {@code export-<exportId>}, to which the server
 * appends the nominal time; the workflow takes its interval end from {@code TemporalScheduledStartTime}.
 * Overlap {@code ALLOW_ALL}: every interval gets its own run, however long the previous one takes.
 */
@Component
@ConditionalOnProperty(name = "sluice.embedded.temporal.enabled", havingValue = "false")
class TemporalScheduleScheduler implements ExportScheduler {

    private static final Logger log = LoggerFactory.getLogger(TemporalScheduleScheduler.class);

    private final ScheduleClient schedules;
    private final ExportService exports;
    private final BatchExportRepository exportRepository;
    private final ExportRunStarter starter;
    private final Clock clock;

    TemporalScheduleScheduler(ScheduleClient schedules, ExportService exports, BatchExportRepository exportRepository,
                              ExportRunStarter starter, Clock clock) {
        this.schedules = schedules;
        this.exports = exports;
        this.exportRepository = exportRepository;
        this.starter = starter;
        this.clock = clock;
    }

    @Override
    public void upsert(UUID exportId) {
        BatchExport export = exports.require(exportId);
        if (export.isDeleted()) {
            delete(exportId);
            return;
        }
        Schedule schedule = scheduleOf(export);
        try {
            schedules.createSchedule(ScheduleIds.of(exportId), schedule, ScheduleOptions.newBuilder().build());
        } catch (ScheduleAlreadyRunningException e) {
            ScheduleHandle handle = handle(exportId);
            handle.update(input -> new ScheduleUpdate(schedule));
            if (export.isPaused()) {
                handle.pause(note(export));
            } else {
                handle.unpause(note(export));
            }
        }
    }

    @Override
    public void pause(UUID exportId) {
        handle(exportId).pause("Paused in Sluice.");
    }

    @Override
    public void unpause(UUID exportId) {
        handle(exportId).unpause("Unpaused in Sluice.");
    }

    @Override
    public String trigger(UUID exportId) {
        BatchExport export = exports.require(exportId);
        return starter.runNow(exportId, ExportGrids.latestComplete(ExportGrids.of(export), clock.instant()));
    }

    @Override
    public void delete(UUID exportId) {
        try {
            handle(exportId).delete();
        } catch (RuntimeException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public ExportSchedule describe(UUID exportId) {
        ScheduleDescription description = handle(exportId).describe();
        return new ExportSchedule(exportId, description.getSchedule().getState().isPaused(), description.getInfo().getNextActionTimes());
    }

    /**
     * Re-arms every export's schedule from the database, off the start-up thread. Only processes with
     * the web role do it: they own the API that changes exports; a worker-only process leaves schedules alone.
     */
    @EventListener(value = ApplicationReadyEvent.class, condition = "@sluiceRoles.web()")
    void rearm() {
        Thread thread = new Thread(() -> {
            for (BatchExport export : exportRepository.findAll()) {
                try {
                    if (export.isDeleted()) {
                        delete(export.getId());
                    } else {
                        upsert(export.getId());
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not re-arm the schedule of export {}: {}", export.getId(), e.toString());
                }
            }
        }, "sluice-schedule-rearm");
        thread.setDaemon(true);
        thread.start();
    }

    private Schedule scheduleOf(BatchExport export) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(ExportRunWorkflow.class)
                        .setArguments(new ExportRunInput(export.getId(), null, null, null))
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.scheduled(export.getId()))
                                .setTaskQueue(TaskQueues.EXPORTS)
                                .build())
                        .build())
                .setSpec(ScheduleSpecs.of(ExportGrids.of(export), export.getStartAt(), export.getEndAt(), clock.instant()))
                .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL).build())
                .setState(ScheduleState.newBuilder().setPaused(export.isPaused()).setNote(note(export)).build())
                .build();
    }

    private ScheduleHandle handle(UUID exportId) {
        return schedules.getHandle(ScheduleIds.of(exportId));
    }

    private static String note(BatchExport export) {
        return (export.isPaused() ? "Paused" : "Active") + " in Sluice: " + export.getName();
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }
}
