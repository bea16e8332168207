package dev.sluice.workflow;

import dev.sluice.source.Cursor;
import dev.sluice.source.EventSource;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An event source of {@code rows} rows named {@code row-0 … row-n}, read in batches of
 * {@code batchSize} in cursor order. Remembers every query and allocator it was given. Each row's
 * {@code uuid} is its name unless {@link #withRealUuids} gives every row a real UUID.
 */
class StubEventSource implements EventSource {

    static final Instant FIRST_INSERTED_AT = Instant.parse("2024-05-15T12:00:00Z");
    private static final Schema SCHEMA = new Schema(List.of(new Field("uuid", FieldType.nullable(new ArrowType.Utf8()), null)));

    final int rows;
    final int batchSize;
    /** Counts to report instead of {@code rows}, one per call, until used up. */
    final Queue<Long> counts = new ConcurrentLinkedQueue<>();
    final List<SourceQuery> opened = new CopyOnWriteArrayList<>();
    final List<BufferAllocator> allocators = new CopyOnWriteArrayList<>();
    private final IntFunction<String> uuidOf;

    StubEventSource(int rows, int batchSize) {
        this(rows, batchSize, row -> "row-" + row);
    }

    private StubEventSource(int rows, int batchSize, IntFunction<String> uuidOf) {
        this.rows = rows;
        this.batchSize = batchSize;
        this.uuidOf = uuidOf;
    }

    /** A source whose rows carry real UUIDs (the same ones on every read), as a uuid column needs. */
    static StubEventSource withRealUuids(int rows, int batchSize) {
        return new StubEventSource(rows, batchSize, StubEventSource::realUuidOf);
    }

    static String realUuidOf(int row) {
        return UUID.nameUUIDFromBytes(("row-" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Cursor cursorOf(int row) {
        return new Cursor(FIRST_INSERTED_AT.plusSeconds(row), "row-" + row);
    }

    @Override
    public RecordBatchStream open(SourceQuery query, BufferAllocator allocator) {
        opened.add(query);
        allocators.add(allocator);
        int first = query.resumeAfter() == null ? 0 : Integer.parseInt(query.resumeAfter().key().substring(4)) + 1;
        return new Stream(allocator, first);
    }

    @Override
    public long count(SourceQuery query) {
        Long count = counts.poll();
        return count != null ? count : rows;
    }

    private final class Stream implements RecordBatchStream {

        private final VectorSchemaRoot root;
        private int next;
        private int last = -1;

        Stream(BufferAllocator allocator, int first) {
            this.root = VectorSchemaRoot.create(SCHEMA, allocator);
            this.next = first;
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public boolean next() {
            if (next >= rows) {
                return false;
            }
            int count = Math.min(batchSize, rows - next);
            VarCharVector uuid = (VarCharVector) root.getVector("uuid");
            uuid.allocateNew(count);
            for (int i = 0; i < count; i++) {
                uuid.setSafe(i, uuidOf.apply(next + i).getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(count);
            last = next + count - 1;
            next += count;
            return true;
        }

        @Override
        public VectorSchemaRoot root() {
            return root;
        }

        @Override
        public Cursor cursor() {
            return cursorOf(last);
        }

        @Override
        public void close() {
            root.close();
        }
    }
}
