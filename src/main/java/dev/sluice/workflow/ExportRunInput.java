package dev.sluice.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of {@link ExportRunWorkflow}: ids and an interval, never configs or secrets.
 *
 * @param backfillId the backfill this run belongs to, or null for a scheduled or retried run
 */
public record ExportRunInput(UUID exportId, Instant dataIntervalStart, Instant dataIntervalEnd, UUID backfillId) {
}
