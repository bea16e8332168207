package dev.sluice.format;

import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Recognises Utf8 columns that hold JSON texts: those whose metadata names Arrow's canonical
 * {@code arrow.json} extension. Their values must be valid JSON; writers embed them as JSON
 * (JSONLines) or annotate them as JSON (Parquet) instead of treating them as plain strings.
 */
public final class JsonColumns {

    public static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
    public static final String JSON_EXTENSION_NAME = "arrow.json";

    private JsonColumns() {
    }

    public static boolean isJson(Field field) {
        Map<String, String> metadata = field.getMetadata();
        return field.getType() instanceof ArrowType.Utf8 && metadata != null
                && JSON_EXTENSION_NAME.equals(metadata.get(EXTENSION_NAME_KEY));
    }
}
