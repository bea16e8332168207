package dev.sluice.ingest;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What maintaining persons did for one batch: the person of each new event, the persons created or
 * changed (and still existing), and the persons merged into others and so removed.
 */
record PersonChanges(Map<UUID, UUID> eventPersons, Set<UUID> changed, Set<UUID> removed) {
}
