package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationType;
import dev.sluice.source.ExportModel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every run is the same Postgres-destination job over one interval; log lines are kept in memory. */
class FixedIntervalJobs implements IntervalJobs {

    static final String PASSWORD = "hunter22-secret";

    final UUID exportId;
    final DataInterval interval;
    final List<String> logLines = new CopyOnWriteArrayList<>();

    FixedIntervalJobs(UUID exportId, DataInterval interval) {
        this.exportId = exportId;
        this.interval = interval;
    }

    @Override
    public IntervalJob load(UUID runId) {
        return new IntervalJob(exportId, runId, UUID.nameUUIDFromBytes(exportId.toString().getBytes()), interval, ExportModel.EVENTS,
                null, null, DestinationType.POSTGRES, Map.of("host", "db.example", "password", PASSWORD));
    }

    @Override
    public void log(IntervalJob job, String level, String message) {
        logLines.add(level + " " + message);
    }
}
