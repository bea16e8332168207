package dev.sluice.source;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an export reads: events, or persons changed in the interval. */
public enum ExportModel {
    EVENTS("events", List.of("uuid", "event", "distinct_id", "person_id", "properties", "timestamp", "inserted_at")),
    PERSONS("persons", List.of("person_id", "distinct_ids", "properties", "created_at", "version"));

    private final String apiValue;
    private final List<String> defaultFields;

    ExportModel(String apiValue, List<String> defaultFields) {
        this.apiValue = apiValue;
        this.defaultFields = defaultFields;
    }

    public String apiValue() {
        return apiValue;
    }

    public List<String> defaultFields() {
        return defaultFields;
    }

    public static Optional<ExportModel> fromApiValue(String value) {
        return Arrays.stream(values()).filter(m -> m.apiValue.equals(value)).findFirst();
    }
}
