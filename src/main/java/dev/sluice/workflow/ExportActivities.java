package dev.sluice.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.UUID;

/** Moves one interval's rows from the event source to the destination, resumably. */
@ActivityInterface
public interface ExportActivities {

    String EXPORT_INTERVAL = "ExportInterval";

    @ActivityMethod(name = EXPORT_INTERVAL)
    Exported exportInterval(IntervalExport request);

    record IntervalExport(UUID runId) {
    }

    record Exported(long records, long bytes) {
    }
}
