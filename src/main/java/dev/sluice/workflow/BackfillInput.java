package dev.sluice.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of {@link BackfillWorkflow}. {@code nextIntervalStart} is where a continued-as-new
 * execution resumes (null on the first execution); {@code finishedRuns} carries progress across.
 */
public record BackfillInput(UUID backfillId, UUID exportId, Instant nextIntervalStart, int finishedRuns) {
}
