package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.format.JsonColumns;
import dev.sluice.source.ExportModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The table layout for an export: one column per field of the stream's Arrow schema (the export's
 * {@code schema} aliases), and the model's key — {@code uuid} for events, {@code person_id} for
 * persons, whose {@code version} (when exported) decides which copy of a person is newer.
 */
public record TableColumns(List<TableColumn> columns, String key, String version) {

    public static final String EVENTS_KEY = "uuid";
    public static final String PERSONS_KEY = "person_id";
    public static final String PERSONS_VERSION = "version";

    public static TableColumns of(Schema schema, ExportModel model, String destination) {
        List<TableColumn> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Field field : schema.getFields()) {
            if (!seen.add(field.getName())) {
                throw new DestinationUserException("The export's schema names the column '" + field.getName() + "' twice.");
            }
            SqlIdentifiers.quote(field.getName());
            columns.add(new TableColumn(field.getName(), kind(field)));
        }
        String key = model == ExportModel.PERSONS ? PERSONS_KEY : EVENTS_KEY;
        if (!seen.contains(key)) {
            throw new DestinationUserException("A " + destination + " export of " + (model == null ? "events" : model.apiValue())
                    + " needs a '" + key + "' column in its schema: rows are replaced by it, so a retried interval never duplicates them.");
        }
        String version = model == ExportModel.PERSONS && seen.contains(PERSONS_VERSION) ? PERSONS_VERSION : null;
        return new TableColumns(List.copyOf(columns), key, version);
    }

    static ValueKind kind(Field field) {
        ArrowType type = field.getType();
        if (JsonColumns.isJson(field)) {
            return ValueKind.JSON;
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return field.getName().equals(EVENTS_KEY) || field.getName().equals(PERSONS_KEY) ? ValueKind.UUID : ValueKind.TEXT;
        }
        if (type instanceof ArrowType.Timestamp) {
            return ValueKind.TIMESTAMP;
        }
        if (type instanceof ArrowType.Int i) {
            return i.getBitWidth() == 64 ? ValueKind.BIGINT : ValueKind.INTEGER;
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return ValueKind.DOUBLE;
        }
        if (type instanceof ArrowType.Bool) {
            return ValueKind.BOOLEAN;
        }
        return ValueKind.TEXT;
    }
}
