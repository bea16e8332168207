package dev.sluice.export;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportSchema;
import java.time.Instant;
import java.util.Map;

/** The JSON body of a create, a test, or (with only some fields) a PATCH of a batch export. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ExportRequest(
        String name,
        DestinationBody destination,
        String interval,
        Integer intervalOffset,
        String timezone,
        String model,
        ExportSchema schema,
        ExportFilters filters,
        Boolean paused,
        Instant startAt,
        Instant endAt) {

    record DestinationBody(String type, Map<String, Object> config) {
    }

    ExportDraft toDraft() {
        return new ExportDraft(name, destination == null ? null : destination.type(), destination == null ? null : destination.config(),
                interval, intervalOffset, timezone, model, schema, filters, paused, startAt, endAt);
    }
}
