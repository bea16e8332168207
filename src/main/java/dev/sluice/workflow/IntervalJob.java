package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationType;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.SourceQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the destination activity needs for one run, loaded inside the worker. {@code config}
 * is the decrypted destination config: it never leaves this process and never appears in
 * {@link #toString()}.
 */
record IntervalJob(UUID exportId, UUID runId, UUID projectId, DataInterval interval, ExportModel model, ExportSchema schema,
                   ExportFilters filters, DestinationType destinationType, Map<String, Object> config) {

    SourceQuery query() {
        return new SourceQuery(projectId, model, schema, filters, interval, null);
    }

    /** Values of the config's secret keys, to be blanked out of any message a person may see. */
    List<String> secrets() {
        return destinationType.secretKeys().stream()
                .map(config::get)
                .filter(v -> v != null && !v.toString().isBlank())
                .map(Object::toString)
                .toList();
    }

    @Override
    public String toString() {
        return "IntervalJob[export=" + exportId + ", run=" + runId + ", interval=" + interval + ", destination=" + destinationType + "]";
    }
}
