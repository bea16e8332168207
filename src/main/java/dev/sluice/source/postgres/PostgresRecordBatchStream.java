package dev.sluice.source.postgres;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceReadException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a query's result set into Arrow batches of at most {@code batchRows} rows. The statement
 * runs in a read-only transaction on a connection of its own, with autocommit off and a fetch size,
 * so the driver holds one fetch of rows at a time; the batch's vectors are reused from batch to batch.
 */
final class PostgresRecordBatchStream implements RecordBatchStream {

    private static final Logger log = LoggerFactory.getLogger(PostgresRecordBatchStream.class);

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<SelectedColumn> columns;
    private final VectorSchemaRoot root;
    private final int batchRows;
    private final String description;
    private Cursor cursor;
    private boolean exhausted;
    private boolean closed;

    private PostgresRecordBatchStream(Connection connection, PreparedStatement statement, ResultSet rows,
                                      List<SelectedColumn> columns, VectorSchemaRoot root, int batchRows, String description) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.columns = columns;
        this.root = root;
        this.batchRows = batchRows;
        this.description = description;
    }

    /** Runs {@code sql} on {@code connection}, which the stream then owns and closes. */
    static PostgresRecordBatchStream open(Connection connection, BoundSql sql, List<SelectedColumn> columns,
                                          BufferAllocator allocator, int batchRows, String description) {
        PreparedStatement statement = null;
        VectorSchemaRoot root = null;
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.prepareStatement(sql.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(batchRows);
            Parameters.bind(statement, sql.params());
            ResultSet rows = statement.executeQuery();
            root = VectorSchemaRoot.create(new Schema(columns.stream().map(SelectedColumn::arrowField).toList()), allocator);
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(batchRows);
                vector.allocateNew();
            }
            return new PostgresRecordBatchStream(connection, statement, rows, columns, root, batchRows, description);
        } catch (SQLException | RuntimeException e) {
            if (root != null) {
                root.close();
            }
            release(null, statement, connection);
            if (e instanceof SQLException sqlException) {
                throw new SourceReadException("Could not query " + description + ": " + sqlException.getMessage(), sqlException);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        if (exhausted) {
            return false;
        }
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        int count = 0;
        try {
            while (count < batchRows && rows.next()) {
                readRow(count);
                count++;
            }
            if (count < batchRows) {
                exhausted = true;
            }
        } catch (SQLException e) {
            throw new SourceReadException("Reading " + description + " failed: " + e.getMessage(), e);
        }
        root.setRowCount(count);
        return count > 0;
    }

    private void readRow(int row) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            int index = c + 1;
            FieldVector vector = root.getVector(c);
            switch (columns.get(c).kind()) {
                case TEXT, JSON -> {
                    String value = rows.getString(index);
                    if (value == null) {
                        ((VarCharVector) vector).setNull(row);
                    } else {
                        ((VarCharVector) vector).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
                    }
                }
                case TIMESTAMP -> {
                    OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
                    if (value == null) {
                        ((TimeStampMicroTZVector) vector).setNull(row);
                    } else {
                        ((TimeStampMicroTZVector) vector).setSafe(row, micros(value));
                    }
                }
                case INT64 -> {
                    long value = rows.getLong(index);
                    if (rows.wasNull()) {
                        ((BigIntVector) vector).setNull(row);
                    } else {
                        ((BigIntVector) vector).setSafe(row, value);
                    }
                }
            }
        }
        OffsetDateTime time = rows.getObject(columns.size() + 1, OffsetDateTime.class);
        cursor = new Cursor(time.toInstant(), rows.getString(columns.size() + 2));
    }

    private static long micros(OffsetDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public Cursor cursor() {
        return cursor;
    }

    /** Ends the read transaction, returns the connection and frees every Arrow buffer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } finally {
            release(rows, statement, connection);
        }
    }

    /**
     * Closes what a read used. Failures are logged, not thrown: the rows are read (or the read
     * already failed) and the pool replaces a connection it cannot reset.
     */
    private static void release(ResultSet rows, PreparedStatement statement, Connection connection) {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            connection.rollback();
        } catch (SQLException e) {
            log.warn("Ending an event-store read failed: {}", e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Returning an event-store connection failed: {}", e.getMessage());
            }
        }
    }
}
