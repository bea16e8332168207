package dev.sluice.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow column types the writers understand, with how to read a value of each. Timestamps of
 * any unit are read as microseconds in UTC (a zone-less timestamp is taken as UTC).
 */
enum ColumnType {
    TEXT, JSON, TIMESTAMP, INT64, INT32, BOOLEAN, FLOAT64;

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    static ColumnType of(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Utf8) {
            return JsonColumns.isJson(field) ? JSON : TEXT;
        }
        if (type instanceof ArrowType.Timestamp) {
            return TIMESTAMP;
        }
        if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
            return INT64;
        }
        if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
            return INT32;
        }
        if (type instanceof ArrowType.Bool) {
            return BOOLEAN;
        }
        if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
            return FLOAT64;
        }
        throw new IllegalArgumentException("Column '" + field.getName() + "' has Arrow type " + type + ", which no file format supports yet.");
    }

    static byte[] bytes(FieldVector vector, int row) {
        return ((VarCharVector) vector).get(row);
    }

    static String text(FieldVector vector, int row) {
        return new String(bytes(vector, row), StandardCharsets.UTF_8);
    }

    static long micros(FieldVector vector, int row) {
        TimeStampVector v = (TimeStampVector) vector;
        long raw = v.get(row);
        return switch (((ArrowType.Timestamp) v.getField().getType()).getUnit()) {
            case SECOND -> Math.multiplyExact(raw, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(raw, 1_000L);
            case MICROSECOND -> raw;
            case NANOSECOND -> Math.floorDiv(raw, 1_000L);
        };
    }

    /** ISO-8601 in UTC with microseconds: {@code 2024-03-01T10:00:00.000000Z}. */
    static String isoTimestamp(long micros) {
        return ISO_MICROS.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    static long int64(FieldVector vector, int row) {
        return ((BigIntVector) vector).get(row);
    }

    static int int32(FieldVector vector, int row) {
        return ((IntVector) vector).get(row);
    }

    static boolean bool(FieldVector vector, int row) {
        return ((BitVector) vector).get(row) != 0;
    }

    static double float64(FieldVector vector, int row) {
        return ((Float8Vector) vector).get(row);
    }

    /** The value as CSV shows it: JSON columns as their JSON text, timestamps as ISO-8601. */
    String asText(FieldVector vector, int row) {
        return switch (this) {
            case TEXT, JSON -> text(vector, row);
            case TIMESTAMP -> isoTimestamp(micros(vector, row));
            case INT64 -> Long.toString(int64(vector, row));
            case INT32 -> Integer.toString(int32(vector, row));
            case BOOLEAN -> Boolean.toString(bool(vector, row));
            case FLOAT64 -> Double.toString(float64(vector, row));
        };
    }
}
