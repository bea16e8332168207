package dev.sluice.source;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The ingestion time of a project's oldest source row of a model, for backfills "from the beginning". */
public interface EarliestData {

    Optional<Instant> earliestInsertedAt(UUID projectId, ExportModel model);
}
