package dev.sluice.destination.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Reads one cell of an Arrow batch as the JDBC value or the text a loader sends. */
public final class ArrowCells {

    private ArrowCells() {
    }

    /** The cell as a JDBC parameter: String, Long, OffsetDateTime, … or null. */
    public static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof VarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof BigIntVector longs) {
            return longs.get(row);
        }
        if (vector instanceof TimeStampVector times) {
            return OffsetDateTime.ofInstant(instant(times, row), ZoneOffset.UTC);
        }
        Object value = vector.getObject(row);
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    /** The cell as text PostgreSQL parses for its column type, or null. */
    public static String text(FieldVector vector, int row) {
        Object value = value(vector, row);
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        return value == null ? null : value.toString();
    }

    static Instant instant(TimeStampVector vector, int row) {
        long raw = vector.get(row);
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        return switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(raw);
            case MILLISECOND -> Instant.ofEpochMilli(raw);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000L), Math.floorMod(raw, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L));
        };
    }
}
