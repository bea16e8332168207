package dev.sluice.export;

import java.util.UUID;

/** Published after an export was created, edited, paused or unpaused: its schedule must follow. */
public record ExportChanged(UUID exportId) {
}
