package dev.sluice.source;

import dev.sluice.export.BatchExport;
import dev.sluice.run.EarliestData;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@link EarliestData} for {@code run}, answered by {@link EarliestRows}. This adapter makes the
 * source module depend on {@code export} and {@code run}, which closes a cycle
 * (source → export → destination → source); callers should move to {@link EarliestRows}, after
 * which this class and {@code run.EarliestData} can go.
 */
@Component
class PostgresEarliestData implements EarliestData {

    private final EarliestRows earliestRows;

    PostgresEarliestData(EarliestRows earliestRows) {
        this.earliestRows = earliestRows;
    }

    @Override
    public Optional<Instant> earliestInsertedAt(BatchExport export) {
        return earliestRows.earliestInsertedAt(export.getProjectId(), export.getModel());
    }
}
