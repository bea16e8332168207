package dev.sluice.export;

import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import java.time.ZoneId;

/** The validated part of a draft that decides which rows an export reads, without its destination. */
record ExportSelection(ExportInterval interval, int intervalOffset, ZoneId timezone, ExportModel model, ExportSchema schema,
                       ExportFilters filters) {

    IntervalGrid grid() {
        return new IntervalGrid(interval, timezone, intervalOffset);
    }
}
