package dev.sluice.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of {@link BackfillWorkflow}. {@code nextIntervalStart} is where a continued-as-new
 * execution resumes (null on the first execution); {@code finishedRuns} and {@code failedRuns}
 * carry progress across.
 */
public record BackfillInput(UUID backfillId, UUID exportId, Instant nextIntervalStart, int finishedRuns, int failedRuns) {

    public static BackfillInput first(UUID backfillId, UUID exportId) {
        return new BackfillInput(backfillId, exportId, null, 0, 0);
    }
}
