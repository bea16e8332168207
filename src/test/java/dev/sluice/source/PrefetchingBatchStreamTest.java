package dev.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrefetchingBatchStreamTest {

    private static final int ROWS_PER_BATCH = 100;
    private static final int VALUE_BYTES = 100;

    private RootAllocator allocator;

    @BeforeEach
    void newAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void handsOverEveryBatchInOrderEachWithTheCursorOfItsLastRow() {
        NumberedBatches source = new NumberedBatches(allocator, 7, -1);
        List<String> firstValues = new ArrayList<>();
        List<Cursor> cursors = new ArrayList<>();
        long rows = 0;
        try (PrefetchingBatchStream stream = PrefetchingBatchStream.start(source, allocator, 1 << 20, "test-reader")) {
            assertThat(stream.schema()).isEqualTo(NumberedBatches.SCHEMA);
            while (stream.next()) {
                VarCharVector values = (VarCharVector) stream.root().getVector(0);
                firstValues.add(new String(values.get(0), StandardCharsets.UTF_8).substring(0, 9));
                cursors.add(stream.cursor());
                rows += stream.root().getRowCount();
            }
            assertThat(stream.next()).isFalse();
        }
        assertThat(rows).isEqualTo(7L * ROWS_PER_BATCH);
        assertThat(firstValues).containsExactly("row-00000", "row-00100", "row-00200", "row-00300", "row-00400", "row-00500", "row-00600");
        assertThat(cursors).extracting(Cursor::key).containsExactly("row-00099", "row-00199", "row-00299", "row-00399", "row-00499",
                "row-00599", "row-00699");
        assertThat(source.closedOn).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void theReaderWaitsWhileTheQueuedBatchesWouldExceedTheByteCap() throws Exception {
        NumberedBatches source = new NumberedBatches(allocator, 50, -1);
        long batchBytes = NumberedBatches.bytesOfOneBatch();
        long cap = 3 * batchBytes;
        try (PrefetchingBatchStream stream = PrefetchingBatchStream.start(source, allocator, cap, "test-reader")) {
            int read = waitUntilReadsStop(source);

            assertThat(stream.peakQueuedBytes()).isLessThanOrEqualTo(cap).isGreaterThanOrEqualTo(2 * batchBytes);
            assertThat(read).isBetween(3, 4);
            assertThat(allocator.getAllocatedMemory()).isLessThanOrEqualTo(cap + 2 * batchBytes);

            int batches = 0;
            while (stream.next()) {
                batches++;
            }
            assertThat(batches).isEqualTo(50);
            assertThat(stream.peakQueuedBytes()).isLessThanOrEqualTo(cap);
        }
    }

    @Test
    void aBatchLargerThanTheCapStillPassesAlone() {
        NumberedBatches source = new NumberedBatches(allocator, 3, -1);
        try (PrefetchingBatchStream stream = PrefetchingBatchStream.start(source, allocator, 1, "test-reader")) {
            int batches = 0;
            while (stream.next()) {
                batches++;
            }
            assertThat(batches).isEqualTo(3);
            assertThat(stream.peakQueuedBytes()).isEqualTo(NumberedBatches.bytesOfOneBatch());
        }
    }

    @Test
    void aFailureOfTheSourceIsRethrownAsItWasByTheNextThatReachesIt() {
        NumberedBatches source = new NumberedBatches(allocator, 10, 2);
        try (PrefetchingBatchStream stream = PrefetchingBatchStream.start(source, allocator, 1 << 20, "test-reader")) {
            assertThat(stream.next()).isTrue();
            assertThat(stream.next()).isTrue();
            assertThatThrownBy(stream::next).isSameAs(source.failure);
            assertThat(stream.next()).isFalse();
        }
        assertThat(source.closedOn).isNotNull();
    }

    @Test
    void closingEarlyStopsTheReaderClosesTheSourceAndFreesEveryBuffer() {
        NumberedBatches source = new NumberedBatches(allocator, Integer.MAX_VALUE, -1);
        PrefetchingBatchStream stream = PrefetchingBatchStream.start(source, allocator, 4 * NumberedBatches.bytesOfOneBatch(), "test-reader");
        assertThat(stream.next()).isTrue();
        assertThat(allocator.getAllocatedMemory()).isPositive();

        stream.close();

        assertThat(source.closedOn).isEqualTo("test-reader");
        assertThat(allocator.getAllocatedMemory()).isZero();
        assertThatThrownBy(stream::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingBeforeReadingAnythingStillFreesEveryBuffer() {
        NumberedBatches source = new NumberedBatches(allocator, 20, -1);
        PrefetchingBatchStream.start(source, allocator, 1 << 20, "test-reader").close();

        assertThat(source.closedOn).isEqualTo("test-reader");
    }

    /** Reading stops when the queue is full; returns how many batches the source gave by then. */
    private static int waitUntilReadsStop(NumberedBatches source) throws InterruptedException {
        int last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            int now = source.batchesRead.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the reader never stopped");
    }

    /** Batches of {@value #ROWS_PER_BATCH} rows of one text column "row-NNNNN" padded to {@value #VALUE_BYTES} bytes. */
    private static final class NumberedBatches implements RecordBatchStream {

        static final Schema SCHEMA = new Schema(List.of(new Field("value", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));

        private final VectorSchemaRoot root;
        private final int batches;
        private final int failAfter;
        private final AtomicInteger batchesRead = new AtomicInteger();
        private final RuntimeException failure = new SourceReadException("the source broke", null);
        private volatile String closedOn;
        private Cursor cursor;

        NumberedBatches(RootAllocator allocator, int batches, int failAfter) {
            this.root = VectorSchemaRoot.create(SCHEMA, allocator);
            this.batches = batches;
            this.failAfter = failAfter;
        }

        static long bytesOfOneBatch() {
            try (RootAllocator measuring = new RootAllocator(); NumberedBatches one = new NumberedBatches(measuring, 1, -1)) {
                one.next();
                return Arrays.stream(one.root.getVector(0).getBuffers(false)).mapToLong(ArrowBuf::capacity).sum();
            }
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public boolean next() {
            int batch = batchesRead.get();
            if (batch == failAfter) {
                throw failure;
            }
            if (batch >= batches) {
                return false;
            }
            VarCharVector values = (VarCharVector) root.getVector(0);
            values.allocateNew((long) ROWS_PER_BATCH * VALUE_BYTES, ROWS_PER_BATCH);
            for (int i = 0; i < ROWS_PER_BATCH; i++) {
                String value = "row-%05d".formatted(batch * ROWS_PER_BATCH + i);
                values.setSafe(i, (value + "x".repeat(VALUE_BYTES - value.length())).getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(ROWS_PER_BATCH);
            cursor = new Cursor(Instant.EPOCH, "row-%05d".formatted(batch * ROWS_PER_BATCH + ROWS_PER_BATCH - 1));
            batchesRead.incrementAndGet();
            return true;
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
            closedOn = Thread.currentThread().getName();
            root.close();
        }
    }
}
