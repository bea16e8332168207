package dev.sluice.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * JSON values, timestamps are ISO-8601 UTC strings.
 */
final class JsonLinesBatchWriter implements BatchWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final CountingOutputStream counted;
    private final JsonGenerator json;
    private final List<String> names;
    private final List<ColumnType> types;
    private long records;

    JsonLinesBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted) throws IOException {
        this.counted = counted;
        this.json = FACTORY.createGenerator(compressed, JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null);
        this.names = schema.getFields().stream().map(Field::getName).toList();
        this.types = schema.getFields().stream().map(ColumnType::of).toList();
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        int rows = batch.getRowCount();
        for (int row = 0; row < rows; row++) {
            json.writeStartObject();
            for (int c = 0; c < names.size(); c++) {
                json.writeFieldName(names.get(c));
                writeValue(types.get(c), batch.getVector(c), row);
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
        json.flush();
        records += rows;
    }

    private void writeValue(ColumnType type, FieldVector vector, int row) throws IOException {
        if (vector.isNull(row)) {
            json.writeNull();
            return;
        }
        switch (type) {
            case TEXT -> {
                byte[] utf8 = ColumnType.bytes(vector, row);
                json.writeUTF8String(utf8, 0, utf8.length);
            }
            case JSON -> json.writeRawValue(oneLine(ColumnType.bytes(vector, row)));
            case TIMESTAMP -> json.writeString(ColumnType.isoTimestamp(ColumnType.micros(vector, row)));
            case INT64 -> json.writeNumber(ColumnType.int64(vector, row));
            case INT32 -> json.writeNumber(ColumnType.int32(vector, row));
            case BOOLEAN -> json.writeBoolean(ColumnType.bool(vector, row));
            case FLOAT64 -> json.writeNumber(ColumnType.float64(vector, row));
        }
    }

    /**
     * A JSON text on one line. Valid JSON has line breaks only as whitespace between tokens (inside
     * strings they are escaped), so replacing them with spaces keeps the value and the line format.
     */
    private static String oneLine(byte[] utf8) {
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n' || utf8[i] == '\r') {
                utf8[i] = ' ';
            }
        }
        return new String(utf8, StandardCharsets.UTF_8);
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
        json.close();
    }
}
