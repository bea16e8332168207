package dev.sluice.workflow;

import dev.sluice.destination.Destination;
import dev.sluice.destination.postgres.PostgresDestination;
import dev.sluice.destination.postgres.WarehousePostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Postgres destination into a real embedded PostgreSQL warehouse; reads the target table back. */
final class PostgresFaultTarget implements FaultTarget {

    /**
     * A batch of the suite's 250 rows is 7–10 kB as CSV, so chunks of 12 kB commit every two
     * batches, like the Files and S3 targets' parts: all three checkpoint after the same batches.
     */
    private static final long CHUNK_BYTES = 12 * 1024;

    private final WarehousePostgres warehouse = WarehousePostgres.start();
    private final PostgresDestination destination = new PostgresDestination(CHUNK_BYTES);

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public Map<String, Object> newPlace() {
        return warehouse.config("faults_" + UUID.randomUUID().toString().substring(0, 8), Map.of());
    }

    @Override
    public List<String> uuids(Map<String, Object> config) {
        return warehouse.jdbc().queryForList("select uuid::text from public." + config.get("table_name"), String.class);
    }

    @Override
    public void stop() {
        try {
            warehouse.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Postgres";
    }
}
