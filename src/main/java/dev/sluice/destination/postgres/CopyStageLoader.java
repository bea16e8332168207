package dev.sluice.destination.postgres;

import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** {@code COPY stage (cols) FROM STDIN WITH (FORMAT csv)}: each Arrow batch is sent as CSV as it arrives. */
final class CopyStageLoader implements StageLoader {

    @Override
    public Loaded load(Connection connection, TableSql sql, RecordBatchStream rows) throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIntoStage());
        long bytes = 0;
        try {
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                byte[] csv = csv(batch).getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(csv, 0, csv.length);
                bytes += csv.length;
            }
            long records = copy.endCopy();
            return new Loaded(records, bytes);
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is being abandoned with the failure that brought us here
                }
            }
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
