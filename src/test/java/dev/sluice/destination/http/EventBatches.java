package dev.sluice.destination.http;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Events in Arrow batches of a fixed size, laid out as the Postgres source lays out the events model. */
public final class EventBatches implements RecordBatchStream {

    public record Event(String uuid, String event, String distinctId, String propertiesJson, Instant timestamp) {
    }

    static final Schema SCHEMA = new Schema(List.of(
            Field.notNullable("uuid", ArrowType.Utf8.INSTANCE),
            Field.notNullable("event", ArrowType.Utf8.INSTANCE),
            Field.notNullable("distinct_id", ArrowType.Utf8.INSTANCE),
            new Field("properties", new FieldType(false, ArrowType.Utf8.INSTANCE, null,
                    Map.of("ARROW:extension:name", "arrow.json", "ARROW:extension:metadata", "")), null),
            Field.notNullable("timestamp", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"))));

    private final BufferAllocator allocator = new RootAllocator();
    private final VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    private final List<Event> events;
    private final int batchSize;
    private int next;
    private Cursor cursor;

    public EventBatches(List<Event> events, int batchSize) {
        this.events = events;
        this.batchSize = batchSize;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public boolean next() {
        if (next >= events.size()) {
            return false;
        }
        root.allocateNew();
        int count = Math.min(batchSize, events.size() - next);
        for (int i = 0; i < count; i++) {
            Event e = events.get(next + i);
            text(0, i, e.uuid());
            text(1, i, e.event());
            text(2, i, e.distinctId());
            text(3, i, e.propertiesJson());
            Instant t = e.timestamp();
            ((TimeStampMicroTZVector) root.getVector(4)).setSafe(i, t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
        }
        root.setRowCount(count);
        next += count;
        Event last = events.get(next - 1);
        cursor = new Cursor(last.timestamp(), last.uuid());
        return true;
    }

    private void text(int column, int row, String value) {
        ((VarCharVector) root.getVector(column)).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
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
        root.close();
        allocator.close();
    }
}
