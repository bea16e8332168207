package dev.sluice.source.postgres;

import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** How a selected SQL column becomes an Arrow column. */
enum ColumnKind {
    /** Text, including uuids. */
    TEXT,
    /** JSON text, marked with Arrow's canonical {@code arrow.json} extension name so writers embed it as JSON. */
    JSON,
    /** A timestamptz, as microseconds since the epoch in UTC. */
    TIMESTAMP,
    INT64;

    /** Arrow's canonical JSON extension: a Utf8 column whose values are JSON texts. */
    static final Map<String, String> JSON_METADATA = Map.of(
            "ARROW:extension:name", "arrow.json",
            "ARROW:extension:metadata", "");

    Field field(String name, boolean nullable) {
        return switch (this) {
            case TEXT -> new Field(name, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null), null);
            case JSON -> new Field(name, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null, JSON_METADATA), null);
            case TIMESTAMP -> new Field(name, new FieldType(nullable, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), null), null);
            case INT64 -> new Field(name, new FieldType(nullable, new ArrowType.Int(64, true), null), null);
        };
    }
}
