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

    private final WarehousePostgres warehouse = WarehousePostgres.start();
    private final PostgresDestination destination = new PostgresDestination();

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
    public boolean resumes() {
        return false;
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
