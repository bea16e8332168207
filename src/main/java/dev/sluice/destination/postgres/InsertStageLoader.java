package dev.sluice.destination.postgres;

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
    public Sink open(Connection connection, TableSql sql) {
        return new InsertSink(connection, sql);
    }

    /** Sends full chunks as they fill; a commit sends the partial one. Each insert commits on its own (auto-commit). */
    private final class InsertSink implements Sink {

        private final Connection connection;
        private final TableSql sql;
        private final List<TableColumn> columns;
        private final int chunkRows;
        private final List<Object[]> chunk;
        private long chunkBytes;
        private long records;
        private long bytes;

        InsertSink(Connection connection, TableSql sql) {
            this.connection = connection;
            this.sql = sql;
            this.columns = sql.columns().columns();
            this.chunkRows = rowsPerChunk(columns.size());
            this.chunk = new ArrayList<>(chunkRows);
        }

        @Override
        public void write(VectorSchemaRoot batch) throws SQLException {
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = ArrowCells.value(batch.getVector(c), row);
                    chunkBytes += values[c] == null ? 4 : values[c].toString().length() + 4;
                }
                chunk.add(values);
                if (chunk.size() >= chunkRows || chunkBytes >= maxBytes) {
                    flush();
                }
            }
        }

        @Override
        public long pendingBytes() {
            return bytes + chunkBytes;
        }

        @Override
        public Loaded commit() throws SQLException {
            flush();
            Loaded loaded = new Loaded(records, bytes);
            records = 0;
            bytes = 0;
            return loaded;
        }

        @Override
        public void close() {
            chunk.clear();
            chunkBytes = 0;
        }

        private void flush() throws SQLException {
            if (chunk.isEmpty()) {
                return;
            }
            records += insert(connection, sql, columns, chunk);
            bytes += chunkBytes;
            chunk.clear();
            chunkBytes = 0;
        }
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
