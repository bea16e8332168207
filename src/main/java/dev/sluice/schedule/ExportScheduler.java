package dev.sluice.schedule;

import java.util.UUID;

/**
 * The one scheduling port: keeps an export's schedule in step with the export in the database.
 * Two adapters start the same {@code ExportRunWorkflow} under the same workflow ids: Temporal
 * Schedules on a cluster, {@link LocalScheduleDriver} with the embedded server.
 */
public interface ExportScheduler {

    /** Creates or updates the export's schedule from its current settings, paused state included. */
    void upsert(UUID exportId);

    void pause(UUID exportId);

    void unpause(UUID exportId);

    /** Runs the export's latest complete interval now; returns the run's workflow id. */
    String trigger(UUID exportId);

    /** Removes the schedule; runs already started are left to finish. */
    void delete(UUID exportId);

    ExportSchedule describe(UUID exportId);
}
