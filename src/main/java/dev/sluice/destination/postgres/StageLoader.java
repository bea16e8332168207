package dev.sluice.destination.postgres;

import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Streams an interval's rows into the staging table, batch by batch, never holding the interval in memory. */
public interface StageLoader {

    /** Rows and bytes sent to the staging table. */
    record Loaded(long records, long bytes) {
    }

    Loaded load(Connection connection, TableSql sql, RecordBatchStream rows) throws SQLException, IOException;
}
