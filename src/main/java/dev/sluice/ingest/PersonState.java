package dev.sluice.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** A person as capture maintains it: loaded from the store or created by this batch, changed in memory, then written once. */
final class PersonState {

    final UUID id;
    final ObjectNode properties;
    Instant createdAt;
    long version;
    Instant updatedAt;
    final boolean stored;
    boolean dirty;

    PersonState(UUID id, ObjectNode properties, Instant createdAt, long version, Instant updatedAt, boolean stored) {
        this.id = id;
        this.properties = properties;
        this.createdAt = createdAt;
        this.version = version;
        this.updatedAt = updatedAt;
        this.stored = stored;
    }

    /** Records one change at {@code at}: the version goes up by one and the person is written at the end of the batch. */
    void changed(Instant at) {
        version++;
        updatedAt = at;
        dirty = true;
    }
}
