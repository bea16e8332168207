package dev.sluice.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The JSONLines writer assembles lines itself; they must be exactly what Jackson writes for the same values. */
class JsonLinesBytesTest {

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("text \"key\"", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("json", new FieldType(true, ArrowType.Utf8.INSTANCE, null,
                    Map.of(JsonColumns.EXTENSION_NAME_KEY, JsonColumns.JSON_EXTENSION_NAME)), null),
            new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
            new Field("score", FieldType.nullable(new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null)));

    private static final List<String> TEXTS = List.of("plain", "", "quote \" backslash \\ slash /", "tab\tnewline\ncr\rbell\u0007 \b\f\u001f",
            "unicode é 😀 ∑", "\u007f del");
    private static final List<String> JSONS = List.of("{\"a\": 1}", "{\n  \"b\": \"x\\ny\"\r\n}", "[]", "\"s\"", "null", "3.5");
    private static final List<Long> MICROS = List.of(0L, -1L, 1_709_200_800_123_456L, 253_402_300_799_999_999L, 253_402_300_800_000_000L,
            -62_135_596_800_000_000L);
    private static final List<Double> SCORES = List.of(1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e-7, 123456789.0);

    @Test
    void everyLineIsByteForByteWhatJacksonWritesForTheSameValues() throws IOException {
        try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
            int rows = TEXTS.size() + 1;
            root.allocateNew();
            for (int row = 0; row < TEXTS.size(); row++) {
                ((VarCharVector) root.getVector(0)).setSafe(row, TEXTS.get(row).getBytes(StandardCharsets.UTF_8));
                ((VarCharVector) root.getVector(1)).setSafe(row, JSONS.get(row).getBytes(StandardCharsets.UTF_8));
                ((TimeStampMicroTZVector) root.getVector(2)).setSafe(row, MICROS.get(row));
                ((Float8Vector) root.getVector(3)).setSafe(row, SCORES.get(row));
            }
            root.getFieldVectors().forEach(v -> v.setNull(rows - 1));
            root.setRowCount(rows);

            ByteArrayOutputStream written = new ByteArrayOutputStream();
            try (BatchWriter writer = BatchWriters.open(FileFormat.JSON_LINES, Compression.NONE, SCHEMA, written)) {
                writer.write(root);
            }

            assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(jackson(rows));
        }
    }

    private static String jackson(int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            for (int row = 0; row < rows; row++) {
                json.writeStartObject();
                boolean isNull = row == rows - 1;
                json.writeFieldName("text \"key\"");
                if (isNull) {
                    json.writeNull();
                } else {
                    byte[] utf8 = TEXTS.get(row).getBytes(StandardCharsets.UTF_8);
                    json.writeUTF8String(utf8, 0, utf8.length);
                }
                json.writeFieldName("json");
                if (isNull) {
                    json.writeNull();
                } else {
                    json.writeRawValue(JSONS.get(row).replace('\n', ' ').replace('\r', ' '));
                }
                json.writeFieldName("at");
                if (isNull) {
                    json.writeNull();
                } else {
                    json.writeString(ColumnType.isoTimestamp(MICROS.get(row)));
                }
                json.writeFieldName("score");
                if (isNull) {
                    json.writeNull();
                } else {
                    json.writeNumber(SCORES.get(row));
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
