package dev.sluice.source;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ingestion time of a project's oldest row of a model, for backfills "from the beginning".
 * Defined here, below {@code run}, so that callers can use it without the source module depending
 * on {@code export} or {@code run}.
 */
public interface EarliestRows {

    Optional<Instant> earliestInsertedAt(UUID projectId, ExportModel model);
}
