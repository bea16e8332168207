package dev.sluice.format;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One JSON object per line, keys in schema order, nulls as JSON null. JSON columns are embedded as
 * JSON values, timestamps are ISO-8601 UTC strings. Lines are assembled as bytes straight from the
 * Arrow columns (see {@link RowBytes}); the output is what Jackson would write for the same row.
 */
final class JsonLinesBatchWriter implements BatchWriter {

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final CountingOutputStream counted;
    private final OutputStream out;
    private final RowBytes line = new RowBytes();
    /** Each column's {@code "name":} (with a leading comma after the first), as UTF-8. */
    private final byte[][] keys;
    private final ColumnType[] types;
    private long records;

    JsonLinesBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted) {
        this.counted = counted;
        this.out = compressed;
        List<Field> fields = schema.getFields();
        this.types = fields.stream().map(ColumnType::of).toArray(ColumnType[]::new);
        this.keys = new byte[fields.size()][];
        for (int c = 0; c < fields.size(); c++) {
            String key = (c == 0 ? "{\"" : ",\"") + new String(JsonStringEncoder.getInstance().quoteAsString(fields.get(c).getName())) + "\":";
            keys[c] = key.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int row = 0; row < rows; row++) {
            if (keys.length == 0) {
                line.write((byte) '{');
            }
            for (int c = 0; c < keys.length; c++) {
                line.write(keys[c]);
                writeValue(types[c], vectors.get(c), row);
            }
            line.write((byte) '}');
            line.write((byte) '\n');
            line.spillIfFull(out);
        }
        line.drainTo(out);
        out.flush();
        records += rows;
    }

    private void writeValue(ColumnType type, FieldVector vector, int row) {
        if (vector.isNull(row)) {
            line.write(NULL);
            return;
        }
        switch (type) {
            case TEXT -> line.writeJsonString(vector, row);
            case JSON -> line.writeJsonValue(vector, row);
            case TIMESTAMP -> {
                line.write((byte) '"');
                line.writeIsoTimestamp(ColumnType.micros(vector, row));
                line.write((byte) '"');
            }
            case INT64 -> line.writeAscii(Long.toString(ColumnType.int64(vector, row)));
            case INT32 -> line.writeAscii(Integer.toString(ColumnType.int32(vector, row)));
            case BOOLEAN -> line.write(ColumnType.bool(vector, row) ? TRUE : FALSE);
            case FLOAT64 -> {
                double value = ColumnType.float64(vector, row);
                line.writeAscii(Double.isFinite(value) ? Double.toString(value) : "\"" + value + "\"");
            }
        }
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public long bytes() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        line.drainTo(out);
        out.close();
    }
}
