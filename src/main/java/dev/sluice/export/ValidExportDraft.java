package dev.sluice.export;

import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.common.ExportInterval;
import dev.sluice.destination.DestinationType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

record ValidExportDraft(
        String name,
        DestinationType destinationType,
        Map<String, Object> destinationConfig,
        ExportInterval interval,
        int intervalOffset,
        ZoneId timezone,
        ExportModel model,
        ExportSchema schema,
        ExportFilters filters,
        boolean paused,
        Instant startAt,
        Instant endAt) {
}
