package dev.sluice.destination;

import dev.sluice.common.DataInterval;
import dev.sluice.source.ExportModel;
import java.util.Map;
import java.util.UUID;

/**
 * One interval to write. {@code config} is the decrypted destination config: it lives only in the
 * worker's memory and must never be logged or put into a workflow payload.
 */
public record DestinationRequest(UUID exportId, UUID runId, UUID projectId, DataInterval interval, ExportModel model,
                                 Map<String, Object> config, ExportCheckpoint resumeFrom) {
}
