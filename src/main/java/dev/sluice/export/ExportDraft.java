package dev.sluice.export;

import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import java.time.Instant;
import java.util.Map;

/**
 * An export as a person or script describes it, before validation. Used for create and, after the
 * caller has overlaid a partial update on the stored export, for update.
 */
public record ExportDraft(
        String name,
        String destinationType,
        Map<String, Object> destinationConfig,
        String interval,
        Integer intervalOffset,
        String timezone,
        String model,
        ExportSchema schema,
        ExportFilters filters,
        Boolean paused,
        Instant startAt,
        Instant endAt) {
}
