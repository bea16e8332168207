package dev.sluice.export;

import java.time.Instant;
import java.util.UUID;

/** What an export's response shows of a recent run ({@code latest_runs}). */
public record RunSummary(UUID id, String status, Instant dataIntervalStart, Instant dataIntervalEnd,
                         long recordsCompleted, long bytesExported, String latestError,
                         Instant createdAt, Instant finishedAt, UUID backfillId) {
}
