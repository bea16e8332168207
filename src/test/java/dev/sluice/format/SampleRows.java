package dev.sluice.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Rows covering every column type the writers support, with the awkward values files must survive. */
final class SampleRows {

    static final Schema SCHEMA = new Schema(List.of(
            new Field("uuid", new FieldType(false, ArrowType.Utf8.INSTANCE, null), null),
            new Field("event", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null),
            new Field("properties", new FieldType(true, ArrowType.Utf8.INSTANCE, null,
                    Map.of(JsonColumns.EXTENSION_NAME_KEY, JsonColumns.JSON_EXTENSION_NAME)), null),
            new Field("timestamp", new FieldType(true, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), null), null),
            new Field("version", new FieldType(true, new ArrowType.Int(64, true), null), null),
            new Field("rank", new FieldType(true, new ArrowType.Int(32, true), null), null),
            new Field("active", new FieldType(true, ArrowType.Bool.INSTANCE, null), null),
            new Field("score", new FieldType(true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), null), null)));

    record Row(String uuid, String event, String propertiesJson, Instant timestamp, Long version, Integer rank, Boolean active,
               Double score) {
    }

    static final List<Row> ROWS = List.of(
            new Row("0000-a", "$pageview", "{\"$browser\": \"Chrome\", \"n\": 3, \"nested\": {\"list\": [1, 2.5, null]}}",
                    Instant.parse("2024-03-01T10:00:00.123456Z"), 42L, 7, true, 0.25),
            new Row("0000-b", "says \"hi\", then, leaves", "{\"text\": \"line\\nbreak\",\n  \"quote\": \"\\\"\"}",
                    Instant.parse("1999-12-31T23:59:59Z"), -1L, -3, false, -1.5e10),
            new Row("0000-c", "multi\r\nline ünïcødé ✓", "[]", Instant.parse("2024-03-01T10:00:00.000001Z"), Long.MAX_VALUE,
                    Integer.MIN_VALUE, true, 3.0),
            new Row("0000-d", "", "{}", null, null, null, null, null),
            new Row("0000-e", null, null, Instant.parse("2030-01-01T00:00:00Z"), 0L, 0, false, 0.0));

    private SampleRows() {
    }

    /** A root holding rows {@code [from, to)} of {@link #ROWS}; the caller closes it. */
    static VectorSchemaRoot batch(BufferAllocator allocator, int from, int to) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        fill(root, from, to);
        return root;
    }

    /** Replaces the contents of {@code root} with rows {@code [from, to)}, as a source reusing its batch does. */
    static void fill(VectorSchemaRoot root, int from, int to) {
        root.allocateNew();
        for (int i = from; i < to; i++) {
            Row r = ROWS.get(i);
            int row = i - from;
            ((VarCharVector) root.getVector("uuid")).setSafe(row, r.uuid().getBytes(StandardCharsets.UTF_8));
            text(root, "event", row, r.event());
            text(root, "properties", row, r.propertiesJson());
            TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector("timestamp");
            if (r.timestamp() == null) {
                ts.setNull(row);
            } else {
                ts.setSafe(row, r.timestamp().getEpochSecond() * 1_000_000L + r.timestamp().getNano() / 1_000);
            }
            BigIntVector version = (BigIntVector) root.getVector("version");
            if (r.version() == null) {
                version.setNull(row);
            } else {
                version.setSafe(row, r.version());
            }
            IntVector rank = (IntVector) root.getVector("rank");
            if (r.rank() == null) {
                rank.setNull(row);
            } else {
                rank.setSafe(row, r.rank());
            }
            BitVector active = (BitVector) root.getVector("active");
            if (r.active() == null) {
                active.setNull(row);
            } else {
                active.setSafe(row, r.active() ? 1 : 0);
            }
            Float8Vector score = (Float8Vector) root.getVector("score");
            if (r.score() == null) {
                score.setNull(row);
            } else {
                score.setSafe(row, r.score());
            }
        }
        root.setRowCount(to - from);
    }

    private static void text(VectorSchemaRoot root, String name, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(name);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
