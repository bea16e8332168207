package dev.sluice.source.clickhouse;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceReadException;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * ClickHouse's ArrowStream response read batch by batch with {@link ArrowStreamReader}. Each batch's
 * buffers move into {@link #root()} by Arrow transfer (no copy, no per-row work); the root carries
 * the export's aliases and the same field types and metadata as the Postgres source.
 */
final class ClickHouseRecordBatchStream implements RecordBatchStream {

    private final AutoCloseable response;
    private final ArrowStreamReader reader;
    private final VectorSchemaRoot root;
    private final int columns;
    private final String description;
    private Cursor cursor;

    ClickHouseRecordBatchStream(AutoCloseable response, ArrowStreamReader reader, List<ClickHouseColumn> columns,
                                BufferAllocator allocator, String description) {
        this.response = response;
        this.reader = reader;
        this.columns = columns.size();
        this.description = description;
        this.root = VectorSchemaRoot.create(new Schema(columns.stream().map(ClickHouseColumn::arrowField).toList()), allocator);
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public boolean next() {
        try {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                int rows = batch.getRowCount();
                if (rows == 0) {
                    continue;
                }
                for (int c = 0; c < columns; c++) {
                    batch.getVector(c).makeTransferPair(root.getVector(c)).transfer();
                }
                root.setRowCount(rows);
                TimeStampVector time = (TimeStampVector) batch.getVector(columns);
                VarCharVector key = (VarCharVector) batch.getVector(columns + 1);
                cursor = new Cursor(Instant.EPOCH.plus(time.get(rows - 1), ChronoUnit.MICROS), new String(key.get(rows - 1),
                        java.nio.charset.StandardCharsets.UTF_8));
                return true;
            }
            for (FieldVector vector : root.getFieldVectors()) {
                vector.clear();
            }
            root.setRowCount(0);
            return false;
        } catch (IOException | RuntimeException e) {
            throw new SourceReadException("Could not read " + description + " from ClickHouse: " + e.getMessage(), e);
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public Cursor cursor() {
        return cursor;
    }

    @Override
    public void close() {
        try {
            root.close();
            reader.close();
        } catch (IOException e) {
            throw new SourceReadException("Could not close the ClickHouse response for " + description, e);
        } finally {
            try {
                response.close();
            } catch (Exception ignored) {
                // the response is released either way; nothing more to free
            }
        }
    }
}
