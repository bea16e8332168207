package dev.sluice.destination.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Sends an interval's rows into the staging table batch by batch, never holding the interval in
 * memory. Rows sent become durable in chunks: {@link Sink#commit()} returns once every row sent
 * before it is committed in the stage, so a checkpoint taken then survives a crash.
 */
public interface StageLoader {

    /** Rows and bytes committed to the staging table by one {@link Sink#commit()}. */
    record Loaded(long records, long bytes) {
    }

    /** An open channel into the stage on a connection in auto-commit mode. */
    interface Sink extends AutoCloseable {

        void write(VectorSchemaRoot batch) throws SQLException, IOException;

        /** Bytes sent since the last commit. */
        long pendingBytes();

        /** Commits the rows sent since the last commit (none: nothing happens) and says how many there were. */
        Loaded commit() throws SQLException, IOException;

        /** Abandons rows sent since the last commit (after a failure); committed ones stay staged. */
        @Override
        void close();
    }

    Sink open(Connection connection, TableSql sql);
}
