package dev.sluice.destination.postgres;

import dev.sluice.source.RecordBatchStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Multi-row {@code INSERT ... VALUES} into the stage for databases without {@code COPY FROM STDIN}
 * (Redshift). A chunk ends at {@code maxRows} rows, at {@code maxBytes} of values (Redshift caps a
 * statement at 16 MB) or when it would pass the protocol's 32767 parameters.
 */
public final class InsertStageLoader implements StageLoader {

    static final int MAX_PARAMETERS = 32_767;

    private final int maxRows;
    private final long maxBytes;

    public InsertStageLoader(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Rows in one chunk for a table of {@code columns} columns. */
    public int rowsPerChunk(int columns) {
        return Math.max(1, Math.min(maxRows, MAX_PARAMETERS / Math.max(1, columns)));
    }

    @Override
    public Loaded load(Connection connection, TableSql sql, RecordBatchStream rows) throws SQLException {
        List<TableColumn> columns = sql.columns().columns();
        int chunkRows = rowsPerChunk(columns.size());
        List<Object[]> chunk = new ArrayList<>(chunkRows);
        long chunkBytes = 0;
        long records = 0;
        long bytes = 0;
        while (rows.next()) {
            VectorSchemaRoot batch = rows.root();
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = ArrowCells.value(batch.getVector(c), row);
                    chunkBytes += values[c] == null ? 4 : values[c].toString().length() + 4;
                }
                chunk.add(values);
                if (chunk.size() >= chunkRows || chunkBytes >= maxBytes) {
                    records += insert(connection, sql, columns, chunk);
                    bytes += chunkBytes;
                    chunk.clear();
                    chunkBytes = 0;
                }
            }
        }
        if (!chunk.isEmpty()) {
            records += insert(connection, sql, columns, chunk);
            bytes += chunkBytes;
        }
        return new Loaded(records, bytes);
    }

    private static int insert(Connection connection, TableSql sql, List<TableColumn> columns, List<Object[]> chunk) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.insertIntoStage(chunk.size()))) {
            int index = 1;
            for (Object[] values : chunk) {
                for (int c = 0; c < values.length; c++) {
                    if (values[c] == null) {
                        statement.setNull(index++, nullType(columns.get(c).kind()));
                    } else {
                        statement.setObject(index++, values[c]);
                    }
                }
            }
            return statement.executeUpdate();
        }
    }

    private static int nullType(ValueKind kind) {
        return switch (kind) {
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BIGINT -> Types.BIGINT;
            case INTEGER -> Types.INTEGER;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            default -> Types.VARCHAR;
        };
    }
}
