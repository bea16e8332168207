package dev.sluice.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * RFC 4180 CSV in UTF-8: a header row of column names, CRLF line ends, and a field quoted (with
 * quotes doubled) when it holds a comma, quote, CR or LF. Null is an empty field; an empty string
 * is {@code ""}. JSON columns are their JSON text, timestamps ISO-8601 UTC.
 */
final class CsvBatchWriter implements BatchWriter {

    private final CountingOutputStream counted;
    private final Writer out;
    private final List<ColumnType> types;
    private long records;

    CsvBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted) throws IOException {
        this(schema, compressed, counted, true);
    }

    /** @param header whether to start with the header row; a continuation of a file has none */
    CsvBatchWriter(Schema schema, OutputStream compressed, CountingOutputStream counted, boolean header) throws IOException {
        this.counted = counted;
        this.out = new BufferedWriter(new OutputStreamWriter(compressed, StandardCharsets.UTF_8), 64 * 1024);
        this.types = schema.getFields().stream().map(ColumnType::of).toList();
        if (header) {
            writeHeader(schema);
        }
    }

    private void writeHeader(Schema schema) throws IOException {
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        for (int c = 0; c < names.size(); c++) {
            if (c > 0) {
                out.write(',');
            }
            writeField(names.get(c));
        }
        out.write("\r\n");
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        int rows = batch.getRowCount();
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < types.size(); c++) {
                if (c > 0) {
                    out.write(',');
                }
                FieldVector vector = batch.getVector(c);
                if (!vector.isNull(row)) {
                    writeField(types.get(c).asText(vector, row));
                }
            }
            out.write("\r\n");
        }
        out.flush();
        records += rows;
    }

    private void writeField(String value) throws IOException {
        if (value.isEmpty() || needsQuotes(value)) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                return true;
            }
        }
        return false;
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
        out.close();
    }
}
