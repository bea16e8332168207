package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationType;
import dev.sluice.source.ExportModel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every run is the same job over one interval (by default to a Postgres destination); log lines are kept in memory. */
class FixedIntervalJobs implements IntervalJobs {

    static final String PASSWORD = "hunter22-secret";

    final UUID exportId;
    final DataInterval interval;
    final List<String> logLines = new CopyOnWriteArrayList<>();

    private final DestinationType type;
    private final Map<String, Object> config;

    FixedIntervalJobs(UUID exportId, DataInterval interval) {
        this(exportId, interval, DestinationType.POSTGRES, Map.of("host", "db.example", "password", PASSWORD));
    }

    FixedIntervalJobs(UUID exportId, DataInterval interval, DestinationType type, Map<String, Object> config) {
        this.exportId = exportId;
        this.interval = interval;
        this.type = type;
        this.config = config;
    }

    @Override
    public IntervalJob load(UUID runId) {
        return new IntervalJob(exportId, runId, UUID.nameUUIDFromBytes(exportId.toString().getBytes()), interval, ExportModel.EVENTS,
                null, null, type, config);
    }

    @Override
    public void log(IntervalJob job, String level, String message) {
        logLines.add(level + " " + message);
    }
}
