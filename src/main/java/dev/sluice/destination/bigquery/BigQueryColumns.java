package dev.sluice.destination.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.format.JsonColumns;
import dev.sluice.source.ExportModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The BigQuery columns of an export, one per field of the stream's Arrow schema, and the model's
 * key: {@code uuid} for events, {@code person_id} for persons, whose {@code version} (when
 * exported) decides which copy of a person is newer.
 *
 * <p>Types: text → STRING, timestamps → TIMESTAMP, integers → INT64, doubles → FLOAT64, booleans →
 * BOOL, JSON texts (properties, …) → JSON with {@code use_json_type}, else STRING. The staging table
 * holds JSON texts as STRING; the merge parses them.
 */
record BigQueryColumns(List<Column> columns, String key, String version, boolean useJsonType) {

    static final String EVENTS_KEY = "uuid";
    static final String PERSONS_KEY = "person_id";
    static final String PERSONS_VERSION = "version";

    /** One column: its name, its staging type and whether it holds JSON texts. */
    record Column(String name, StandardSQLTypeName stageType, boolean json) {
    }

    static BigQueryColumns of(org.apache.arrow.vector.types.pojo.Schema schema, ExportModel model, boolean useJsonType) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (org.apache.arrow.vector.types.pojo.Field field : schema.getFields()) {
            String name = field.getName();
            if (!BigQueryNames.isColumn(name)) {
                throw new DestinationUserException("'" + name + "' cannot be a BigQuery column name: use letters, digits and _,"
                        + " starting with a letter or _ (rename it with an alias in the export's schema).");
            }
            if (!seen.add(name.toLowerCase())) {
                throw new DestinationUserException("The export's schema names the column '" + name
                        + "' twice (BigQuery column names ignore case).");
            }
            columns.add(new Column(name, stageType(field), JsonColumns.isJson(field)));
        }
        String key = model == ExportModel.PERSONS ? PERSONS_KEY : EVENTS_KEY;
        if (!seen.contains(key)) {
            throw new DestinationUserException("A BigQuery export of " + (model == null ? "events" : model.apiValue()) + " needs a '" + key
                    + "' column in its schema: rows are replaced by it, so a retried interval never duplicates them.");
        }
        String version = model == ExportModel.PERSONS && seen.contains(PERSONS_VERSION) ? PERSONS_VERSION : null;
        return new BigQueryColumns(List.copyOf(columns), key, version, useJsonType);
    }

    private static StandardSQLTypeName stageType(org.apache.arrow.vector.types.pojo.Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Utf8) {
            return StandardSQLTypeName.STRING;
        }
        if (type instanceof ArrowType.Timestamp) {
            return StandardSQLTypeName.TIMESTAMP;
        }
        if (type instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 64 || i.getBitWidth() == 32)) {
            return StandardSQLTypeName.INT64;
        }
        if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
            return StandardSQLTypeName.FLOAT64;
        }
        if (type instanceof ArrowType.Bool) {
            return StandardSQLTypeName.BOOL;
        }
        throw new DestinationUserException("The column '" + field.getName() + "' has a type (" + type + ") BigQuery exports cannot write yet.");
    }

    /** The target's type for a column: JSON columns are JSON only with {@code use_json_type}. */
    StandardSQLTypeName targetType(Column column) {
        return column.json() && useJsonType ? StandardSQLTypeName.JSON : column.stageType();
    }

    /** The staging table's schema: the Parquet file's columns, JSON texts as STRING, all NULLABLE like the file's. */
    Schema stageSchema() {
        return Schema.of(columns.stream().map(c -> Field.newBuilder(c.name(), c.stageType()).setMode(Field.Mode.NULLABLE).build()).toList());
    }

    /** The target table's schema, created when the table is missing: the key is REQUIRED. */
    Schema targetSchema() {
        return Schema.of(columns.stream().map(c -> Field.newBuilder(c.name(), targetType(c))
                .setMode(c.name().equals(key) ? Field.Mode.REQUIRED : Field.Mode.NULLABLE).build()).toList());
    }
}
