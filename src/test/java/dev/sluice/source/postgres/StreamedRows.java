package dev.sluice.source.postgres;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Everything a stream yields, copied out of Arrow: rows as maps, batch sizes and each batch's cursor. */
public record StreamedRows(List<Map<String, Object>> rows, List<Integer> batchSizes, List<Cursor> cursors) {

    public static StreamedRows drain(RecordBatchStream stream) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Cursor> cursors = new ArrayList<>();
        while (stream.next()) {
            VectorSchemaRoot root = stream.root();
            sizes.add(root.getRowCount());
            cursors.add(stream.cursor());
            for (int i = 0; i < root.getRowCount(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    row.put(vector.getName(), value(vector, i));
                }
                rows.add(row);
            }
        }
        return new StreamedRows(rows, sizes, cursors);
    }

    public List<Object> column(String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }

    private static Object value(FieldVector vector, int i) {
        if (vector.isNull(i)) {
            return null;
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(i), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (vector instanceof TimeStampMicroTZVector v) {
            long micros = v.get(i);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        if (vector instanceof BigIntVector v) {
            return v.get(i);
        }
        throw new IllegalArgumentException("unexpected vector " + vector.getClass());
    }
}
