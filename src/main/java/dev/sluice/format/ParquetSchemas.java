package dev.sluice.format;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema for an Arrow schema: Utf8 → BINARY (STRING, or JSON for JSON columns),
 * timestamps → INT64 TIMESTAMP(MICROS, UTC), Int64/Int32/Bool/Float64 → their primitives.
 * Nullable columns are OPTIONAL, the rest REQUIRED.
 */
final class ParquetSchemas {

    private ParquetSchemas() {
    }

    static MessageType of(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(column(field));
        }
        return new MessageType("sluice_export", fields);
    }

    private static Type column(Field field) {
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> builder = switch (ColumnType.of(field)) {
            case TEXT -> primitive(field, PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
            case JSON -> primitive(field, PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType());
            case TIMESTAMP -> primitive(field, PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            case INT64 -> primitive(field, PrimitiveTypeName.INT64);
            case INT32 -> primitive(field, PrimitiveTypeName.INT32);
            case BOOLEAN -> primitive(field, PrimitiveTypeName.BOOLEAN);
            case FLOAT64 -> primitive(field, PrimitiveTypeName.DOUBLE);
        };
        return builder.named(field.getName());
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(Field field, PrimitiveTypeName type) {
        return field.isNullable() ? Types.optional(type) : Types.required(type);
    }
}
