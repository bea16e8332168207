package dev.sluice.workflow;

import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded Temporal server forgets every workflow when the process stops. At start-up this
 * starts again what the database says was in flight: runs left {@code Starting}/{@code Running}
 * under their own workflow ids (the destination overwrites the interval), and unfinished backfills,
 * whose workflow skips the intervals it already completed and restarts their unfinished children.
 */
@Component
@ConditionalOnProperty(name = EmbeddedTemporalEnvironment.ENABLED, havingValue = "true")
class StartupReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StartupReconciliation.class);

    private final BatchExportRunRepository runs;
    private final BackfillService backfills;
    private final ExportRunStarter starter;
    private final TemporalRunOrchestration orchestration;
    private final RunLogService logs;

    StartupReconciliation(BatchExportRunRepository runs, BackfillService backfills, ExportRunStarter starter,
                          TemporalRunOrchestration orchestration, RunLogService logs) {
        this.runs = runs;
        this.backfills = backfills;
        this.starter = starter;
        this.orchestration = orchestration;
        this.logs = logs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        reconcile();
    }

    /** Restarts unfinished work; returns how many workflows it started. */
    int reconcile() {
        List<Backfill> openBackfills = backfills.unfinished();
        Set<UUID> openBackfillIds = openBackfills.stream().map(Backfill::getId).collect(Collectors.toSet());
        int started = 0;
        for (BatchExportRun run : runs.findByStatusIn(EnumSet.of(RunStatus.Starting, RunStatus.Running))) {
            if (run.getBackfillId() != null && openBackfillIds.contains(run.getBackfillId())) {
                continue;
            }
            try {
                logs.log(run.getBatchExportId(), run.getId(), "WARN",
                        "Sluice restarted while this run was " + run.getStatus() + "; the interval is exported again.");
                starter.restart(run.getWorkflowId(), new ExportRunInput(run.getBatchExportId(), run.getDataIntervalStart(),
                        run.getDataIntervalEnd(), run.getBackfillId()));
                started++;
            } catch (RuntimeException e) {
                log.warn("Could not restart run {} ({}): {}", run.getId(), run.getWorkflowId(), e.toString());
            }
        }
        for (Backfill backfill : openBackfills) {
            String workflowId = backfill.getWorkflowId() != null ? backfill.getWorkflowId()
                    : WorkflowIds.backfill(backfill.getBatchExportId(), backfill.getStartAt(), backfill.getEndAt());
            try {
                logs.log(backfill.getBatchExportId(), null, "WARN", "Sluice restarted while backfill " + backfill.getId()
                        + " was running; it continues with the intervals it had not completed.");
                orchestration.startBackfillWorkflow(workflowId, BackfillInput.first(backfill.getId(), backfill.getBatchExportId()));
                started++;
            } catch (RuntimeException e) {
                log.warn("Could not restart backfill {} ({}): {}", backfill.getId(), workflowId, e.toString());
            }
        }
        if (started > 0) {
            log.info("Start-up reconciliation restarted {} workflows", started);
        }
        return started;
    }
}
