package dev.sluice.export;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A batch export as the REST API shows it; {@code destination.config} holds no secret keys. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ExportResponse(
        UUID id,
        UUID projectId,
        String name,
        DestinationResponse destination,
        String interval,
        int intervalOffset,
        String timezone,
        String model,
        ExportSchema schema,
        ExportFilters filters,
        boolean paused,
        Instant startAt,
        Instant endAt,
        Instant createdAt,
        Instant lastUpdatedAt,
        Instant lastPausedAt,
        String pausedReason,
        List<RunResponse> latestRuns) {

    record DestinationResponse(String type, Map<String, Object> config) {
    }
}
