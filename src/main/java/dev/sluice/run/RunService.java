package dev.sluice.run;

import dev.sluice.audit.AuditLog;
import dev.sluice.common.ConflictException;
import dev.sluice.common.NotFoundException;
import dev.sluice.export.ExportService;
import dev.sluice.export.LatestRuns;
import dev.sluice.export.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads runs for the API and UI, and asks the orchestrator to retry or cancel them. */
@Service
public class RunService implements LatestRuns {

    private final BatchExportRunRepository runs;
    private final RunOrchestration orchestration;
    private final ExportService exports;
    private final AuditLog audit;

    public RunService(BatchExportRunRepository runs, RunOrchestration orchestration, ExportService exports, AuditLog audit) {
        this.runs = runs;
        this.orchestration = orchestration;
        this.exports = exports;
        this.audit = audit;
    }

    /** Runs of an export, newest interval first, optionally of one status and before an interval end. */
    @Transactional(readOnly = true)
    public List<BatchExportRun> list(UUID exportId, RunStatus status, Instant before, int limit) {
        PageRequest page = PageRequest.of(0, limit);
        if (before != null) {
            return status == null ? runs.findBefore(exportId, before, page) : runs.findByStatusBefore(exportId, status, before, page);
        }
        return status == null
                ? runs.findByBatchExportIdOrderByDataIntervalEndDescCreatedAtDesc(exportId, page)
                : runs.findByBatchExportIdAndStatusOrderByDataIntervalEndDescCreatedAtDesc(exportId, status, page);
    }

    @Transactional(readOnly = true)
    public BatchExportRun get(UUID exportId, UUID runId) {
        return runs.findById(runId).filter(r -> r.getBatchExportId().equals(exportId))
                .orElseThrow(() -> new NotFoundException("Run " + runId + " was not found."));
    }

    @Override
    @Transactional(readOnly = true)
    public List<RunSummary> latest(UUID exportId, int limit) {
        return list(exportId, null, null, limit).stream().map(RunService::summary).toList();
    }

    public void retry(UUID exportId, UUID runId) {
        BatchExportRun run = get(exportId, runId);
        if (!run.getStatus().isFinal()) {
            throw new ConflictException("Run " + runId + " is still " + run.getStatus() + "; cancel it or wait before retrying.");
        }
        orchestration.retryRun(runId);
        audit.record(exports.require(exportId).getProjectId(), AuditLog.RETRIED, "batch_export_run", runId,
                "Interval [" + run.getDataIntervalStart() + ", " + run.getDataIntervalEnd() + ")");
    }

    public void cancel(UUID exportId, UUID runId) {
        BatchExportRun run = get(exportId, runId);
        if (run.getStatus().isFinal()) {
            throw new ConflictException("Run " + runId + " already finished as " + run.getStatus() + ".");
        }
        orchestration.cancelRun(runId);
    }

    static RunSummary summary(BatchExportRun r) {
        return new RunSummary(r.getId(), r.getStatus().name(), r.getDataIntervalStart(), r.getDataIntervalEnd(),
                r.getRecordsCompleted(), r.getBytesExported(), r.getLatestError(), r.getCreatedAt(), r.getFinishedAt(),
                r.getBackfillId());
    }
}
