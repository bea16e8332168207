package dev.sluice.workflow;

import dev.sluice.run.RunStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;
import java.util.UUID;

/** Bookkeeping of one run in the database; these activities retry until the database answers. */
@ActivityInterface
public interface RunActivities {

    String RESOLVE_SCHEDULED_INTERVAL = "ResolveScheduledInterval";
    String START_RUN = "StartRun";
    String FINISH_RUN = "FinishRun";

    /** The interval a schedule meant when it fired at its nominal time {@code scheduledAt}. */
    @ActivityMethod(name = RESOLVE_SCHEDULED_INTERVAL)
    RunInterval resolveScheduledInterval(ScheduledStart start);

    /** Creates the run row for the workflow id, or finds it again, and marks it {@code Running}. */
    @ActivityMethod(name = START_RUN)
    StartedRun startRun(RunStart start);

    /** Records how the run ended; a run that does not exist yet is left alone. */
    @ActivityMethod(name = FINISH_RUN)
    void finishRun(RunFinish finish);

    record ScheduledStart(UUID exportId, Instant scheduledAt) {
    }

    record RunInterval(Instant start, Instant end) {
    }

    record RunStart(String workflowId, UUID exportId, UUID backfillId, Instant start, Instant end) {
    }

    record StartedRun(UUID runId) {
    }

    record RunFinish(String workflowId, RunStatus status, long records, long bytes, String error) {
    }
}
