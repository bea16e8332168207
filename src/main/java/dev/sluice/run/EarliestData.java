package dev.sluice.run;

import dev.sluice.export.BatchExport;
import java.time.Instant;
import java.util.Optional;

/** The ingestion time of an export's oldest source row, for backfills "from the beginning". Implemented by the source feature. */
public interface EarliestData {

    Optional<Instant> earliestInsertedAt(BatchExport export);
}
