package dev.sluice.run;

import java.util.UUID;

/**
 * What the run feature asks of the orchestrator (Temporal). Implemented by the workflow feature,
 * so that run depends on nothing that depends on it.
 */
public interface RunOrchestration {

    /** Starts the backfill workflow for a stored backfill row; returns its workflow id. */
    String startBackfill(UUID backfillId);

    /** Requests cancellation of a running backfill; its children are cancelled too. */
    void cancelBackfill(UUID backfillId);

    /** Re-runs the interval of a run; output of a completed interval is replaced, never appended. */
    void retryRun(UUID runId);

    /** Requests cancellation of a running run. */
    void cancelRun(UUID runId);
}
