package dev.sluice.export;

import java.util.UUID;

/** Published after an export was deleted: its schedule and running work must stop. */
public record ExportDeleted(UUID exportId) {
}
