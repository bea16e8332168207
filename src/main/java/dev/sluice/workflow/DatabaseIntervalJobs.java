package dev.sluice.workflow;

import dev.sluice.common.NotFoundException;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunLogService;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads the run and its export from the database and decrypts the destination config. */
@Component
class DatabaseIntervalJobs implements IntervalJobs {

    private final BatchExportRunRepository runs;
    private final ExportService exports;
    private final DestinationConfigs configs;
    private final RunLogService logs;

    DatabaseIntervalJobs(BatchExportRunRepository runs, ExportService exports, DestinationConfigs configs, RunLogService logs) {
        this.runs = runs;
        this.exports = exports;
        this.configs = configs;
        this.logs = logs;
    }

    @Override
    public IntervalJob load(UUID runId) {
        BatchExportRun run = runs.findById(runId).orElseThrow(() -> new NotFoundException("Run " + runId + " was not found."));
        BatchExport export = exports.require(run.getBatchExportId());
        return new IntervalJob(export.getId(), run.getId(), export.getProjectId(), run.interval(), export.getModel(), export.getSchema(),
                export.getFilters(), export.getDestination().getType(), configs.decrypt(export.getDestination()));
    }

    @Override
    public void log(IntervalJob job, String level, String message) {
        logs.log(job.exportId(), job.runId(), level, message);
    }
}
