package dev.sluice.export;

import java.time.Instant;
import java.util.UUID;

/** Published after an unpause that asked to backfill the gap {@code [pausedAt, unpausedAt)}. */
public record ExportUnpaused(UUID exportId, Instant pausedAt, Instant unpausedAt) {
}
