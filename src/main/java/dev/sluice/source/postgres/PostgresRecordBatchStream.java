package dev.sluice.source.postgres;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceReadException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a select through {@code COPY (...) TO STDOUT (FORMAT binary)} into Arrow batches of at most
 * {@code batchRows} rows. Each row arrives as one binary tuple whose fields are copied straight into
 * the vectors: text as its UTF-8 bytes (no {@link String} per value), timestamps and integers as
 * big-endian longs. The COPY runs in a read-only transaction on a connection of its own; the
 * driver holds one row at a time, so memory is bounded by the batch whatever the interval's size.
 *
 * <p>The select's last two columns are the row's cursor (time, key text); {@link #cursor()} is that
 * of the batch's last row. The batch's vectors are allocated anew for every batch (sized from the
 * previous one), so a consumer may transfer their buffers away between batches.
 */
final class PostgresRecordBatchStream implements RecordBatchStream {

    private static final Logger log = LoggerFactory.getLogger(PostgresRecordBatchStream.class);

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final Connection connection;
    private final CopyOut copy;
    private final ColumnKind[] kinds;
    private final VectorSchemaRoot root;
    private final int batchRows;
    private final String description;
    private final long[] dataBytesPerRow;
    private Cursor cursor;
    private boolean headerRead;
    private boolean exhausted;
    private boolean closed;

    private PostgresRecordBatchStream(Connection connection, CopyOut copy, List<SelectedColumn> columns, VectorSchemaRoot root,
                                      int batchRows, String description) {
        this.connection = connection;
        this.copy = copy;
        this.kinds = columns.stream().map(SelectedColumn::kind).toArray(ColumnKind[]::new);
        this.root = root;
        this.batchRows = batchRows;
        this.description = description;
        this.dataBytesPerRow = new long[kinds.length];
        java.util.Arrays.fill(dataBytesPerRow, 32);
    }

    /** Runs {@code sql} as a binary COPY on {@code connection}, which the stream then owns and closes. */
    static PostgresRecordBatchStream open(Connection connection, BoundSql sql, List<SelectedColumn> columns,
                                          BufferAllocator allocator, int batchRows, String description) {
        CopySql copySql = CopySql.of(sql);
        CopyOut copy = null;
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement readOnly = connection.prepareStatement("set transaction read only")) {
                readOnly.execute();
            }
            if (copySql.setup() != null) {
                try (PreparedStatement setup = connection.prepareStatement(copySql.setup().sql())) {
                    Parameters.bind(setup, copySql.setup().params());
                    setup.execute();
                }
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql.copy());
            VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(columns.stream().map(SelectedColumn::arrowField).toList()), allocator);
            return new PostgresRecordBatchStream(connection, copy, columns, root, batchRows, description);
        } catch (SQLException | RuntimeException e) {
            release(copy, connection);
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
        allocateBatch();
        int count = 0;
        byte[] lastRow = null;
        int cursorOffset = 0;
        try {
            while (count < batchRows) {
                byte[] message = copy.readFromCopy();
                if (message == null) {
                    exhausted = true;
                    break;
                }
                int at = headerRead ? 0 : skipHeader(message);
                if (at == message.length) {
                    continue;
                }
                short fields = readShort(message, at);
                if (fields == -1) {
                    continue;
                }
                if (fields != kinds.length + 2) {
                    throw new SourceReadException("Reading " + description + " failed: a COPY row has " + fields
                            + " fields, expected " + (kinds.length + 2) + ".", null);
                }
                cursorOffset = readRow(message, at + 2, count);
                lastRow = message;
                count++;
            }
        } catch (SQLException e) {
            throw new SourceReadException("Reading " + description + " failed: " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            throw new SourceReadException("Reading " + description + " failed: a COPY row ended early.", e);
        }
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setValueCount(count);
        }
        root.setRowCount(count);
        if (lastRow != null) {
            cursor = cursorOf(lastRow, cursorOffset);
        }
        rememberSizes(count);
        return count > 0;
    }

    /** Fresh buffers for a batch, text data sized by the bytes per row of the previous batch. */
    private void allocateBatch() {
        for (int c = 0; c < kinds.length; c++) {
            FieldVector vector = root.getVector(c);
            vector.clear();
            if (vector instanceof BaseVariableWidthVector text) {
                text.setInitialCapacity(batchRows, dataBytesPerRow[c]);
            } else {
                vector.setInitialCapacity(batchRows);
            }
            vector.allocateNew();
        }
    }

    private void rememberSizes(int count) {
        if (count == 0) {
            return;
        }
        for (int c = 0; c < kinds.length; c++) {
            if (root.getVector(c) instanceof BaseVariableWidthVector text) {
                dataBytesPerRow[c] = Math.max(1, text.getStartOffset(count) / count + 1);
            }
        }
    }

    /** Copies one tuple's fields into row {@code row}; returns the offset of its cursor fields. */
    private int readRow(byte[] message, int at, int row) {
        for (int c = 0; c < kinds.length; c++) {
            int length = readInt(message, at);
            at += 4;
            FieldVector vector = root.getVector(c);
            if (length < 0) {
                switch (kinds[c]) {
                    case TEXT, JSON -> ((VarCharVector) vector).setNull(row);
                    case TIMESTAMP -> ((TimeStampMicroTZVector) vector).setNull(row);
                    case INT64 -> ((BigIntVector) vector).setNull(row);
                }
                continue;
            }
            switch (kinds[c]) {
                case TEXT, JSON -> ((VarCharVector) vector).setSafe(row, message, at, length);
                case TIMESTAMP -> ((TimeStampMicroTZVector) vector).setSafe(row, readLong(message, at) + POSTGRES_EPOCH_MICROS);
                case INT64 -> ((BigIntVector) vector).setSafe(row, readLong(message, at));
            }
            at += length;
        }
        return at;
    }

    private Cursor cursorOf(byte[] row, int at) {
        long micros = readLong(row, at + 4) + POSTGRES_EPOCH_MICROS;
        int keyAt = at + 4 + 8;
        int keyLength = readInt(row, keyAt);
        String key = new String(row, keyAt + 4, keyLength, StandardCharsets.UTF_8);
        return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L), key);
    }

    /** Checks the binary COPY header at the start of the first message and returns the offset after it. */
    private int skipHeader(byte[] message) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (message[i] != SIGNATURE[i]) {
                throw new SourceReadException("Reading " + description + " failed: the COPY output is not in PostgreSQL's binary format.", null);
            }
        }
        headerRead = true;
        int extension = readInt(message, SIGNATURE.length + 4);
        return SIGNATURE.length + 8 + extension;
    }

    private static short readShort(byte[] b, int at) {
        return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long readLong(byte[] b, int at) {
        return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xffffffffL);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public Cursor cursor() {
        return cursor;
    }

    /** Stops the COPY if it is still running, ends the read transaction, returns the connection and frees every Arrow buffer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } finally {
            release(copy, connection);
        }
    }

    /**
     * Closes what a read used. Failures are logged, not thrown: the rows are read (or the read
     * already failed). A COPY still sending rows is not cancelled (a cancel request reaches the
     * server asynchronously and may hit a later statement of whoever gets the connection next):
     * the connection is aborted instead, so the pool sees it closed and discards it rather than
     * handing out a connection in the middle of a COPY.
     */
    private static void release(CopyOut copy, Connection connection) {
        if (copy != null && copy.isActive()) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("Aborting an event-store connection in the middle of a COPY: {}", e.getMessage());
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Returning an aborted event-store connection: {}", e.getMessage());
            }
            return;
        }
        try {
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
