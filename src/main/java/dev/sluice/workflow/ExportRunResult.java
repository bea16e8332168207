package dev.sluice.workflow;

import java.util.UUID;

/** How a run ended: its row id, final status name and counts. */
public record ExportRunResult(UUID runId, String status, long recordsCompleted, long bytesExported) {
}
