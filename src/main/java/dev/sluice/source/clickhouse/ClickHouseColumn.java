package dev.sluice.source.clickhouse;

import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One output column: its ClickHouse expression (placeholders only, never user text) and the Arrow
 * field it fills, typed exactly as the Postgres source types the same field.
 */
record ClickHouseColumn(String alias, String sql, Kind kind, boolean nullable) {

    enum Kind { TEXT, JSON, TIMESTAMP }

    /** Arrow's canonical JSON extension, as the Postgres source marks JSON columns. */
    static final Map<String, String> JSON_METADATA = Map.of("ARROW:extension:name", "arrow.json", "ARROW:extension:metadata", "");

    Field arrowField() {
        return switch (kind) {
            case TEXT -> new Field(alias, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null), null);
            case JSON -> new Field(alias, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null, JSON_METADATA), null);
            case TIMESTAMP -> new Field(alias, new FieldType(nullable, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), null), null);
        };
    }
}
