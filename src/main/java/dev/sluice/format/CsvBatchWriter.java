package dev.sluice.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * RFC 4180 CSV in UTF-8: a header row of column names, CRLF line ends, and a field quoted (with
 * quotes doubled) when it holds a comma, quote, CR or LF. Null is an empty field; an empty string
 * is {@code ""}. JSON columns are their JSON text, timestamps ISO-8601 UTC. Rows are assembled as
 * bytes straight from the Arrow columns (see {@link RowBytes}).
 */
final class CsvBatchWriter implements BatchWriter {

    private final CountingOutputStream counted;
    private final OutputStream out;
    private final RowBytes line = new RowBytes();
    private final ColumnType[] types;
    private long records;

    CsvBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted) throws IOException {
        this(schema, compressed, counted, true);
    }

    /** @param header whether to start with the header row; a continuation of a file has none */
    CsvBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted, boolean header) throws IOException {
        this.counted = counted;
        this.out = compressed;
        this.types = schema.getFields().stream().map(ColumnType::of).toArray(ColumnType[]::new);
        if (header) {
            writeHeader(schema);
        }
    }

    private void writeHeader(Schema schema) {
        List<Field> fields = schema.getFields();
        for (int c = 0; c < fields.size(); c++) {
            if (c > 0) {
                line.write((byte) ',');
            }
            line.writeCsvField(fields.get(c).getName().getBytes(StandardCharsets.UTF_8));
        }
        line.write((byte) '\r');
        line.write((byte) '\n');
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < types.length; c++) {
                if (c > 0) {
                    line.write((byte) ',');
                }
                FieldVector vector = vectors.get(c);
                if (!vector.isNull(row)) {
                    writeValue(types[c], vector, row);
                }
            }
            line.write((byte) '\r');
            line.write((byte) '\n');
            line.spillIfFull(out);
        }
        line.drainTo(out);
        out.flush();
        records += rows;
    }

    private void writeValue(ColumnType type, FieldVector vector, int row) {
        switch (type) {
            case TEXT, JSON -> line.writeCsvField(vector, row);
            case TIMESTAMP -> line.writeIsoTimestamp(ColumnType.micros(vector, row));
            default -> line.writeAscii(type.asText(vector, row));
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
