package dev.sluice.destination.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY stage (cols) FROM STDIN WITH (FORMAT csv)}: each Arrow batch is sent as CSV as it
 * arrives. One COPY runs per chunk; in auto-commit mode its rows are committed when it ends.
 */
final class CopyStageLoader implements StageLoader {

    @Override
    public Sink open(Connection connection, TableSql sql) {
        return new CopySink(connection, sql);
    }

    private static final class CopySink implements Sink {

        private final Connection connection;
        private final TableSql sql;
        private CopyIn copy;
        private long bytes;

        CopySink(Connection connection, TableSql sql) {
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public void write(VectorSchemaRoot batch) throws SQLException {
            if (batch.getRowCount() == 0) {
                return;
            }
            if (copy == null) {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIntoStage());
            }
            byte[] csv = csv(batch).getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(csv, 0, csv.length);
            bytes += csv.length;
        }

        @Override
        public long pendingBytes() {
            return bytes;
        }

        @Override
        public Loaded commit() throws SQLException {
            if (copy == null) {
                return new Loaded(0, 0);
            }
            long records = copy.endCopy();
            Loaded loaded = new Loaded(records, bytes);
            copy = null;
            bytes = 0;
            return loaded;
        }

        @Override
        public void close() {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is being abandoned with the failure that brought us here
                }
            }
            copy = null;
        }
    }

    /** RFC 4180 rows: every non-null value quoted (quotes doubled), a null as an empty unquoted field. */
    static String csv(VectorSchemaRoot batch) {
        StringBuilder out = new StringBuilder(batch.getRowCount() * 256);
        int columns = batch.getFieldVectors().size();
        for (int row = 0; row < batch.getRowCount(); row++) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    out.append(',');
                }
                String value = ArrowCells.text(batch.getVector(c), row);
                if (value != null) {
                    out.append('"').append(value.replace("\"", "\"\"")).append('"');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
