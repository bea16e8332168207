package dev.sluice.source.postgres;

import dev.sluice.source.ExportModel;
import java.util.Map;
import java.util.Optional;

/**
 * The event-store table behind each export model: which columns exports may select (a whitelist:
 * nothing a user types becomes SQL), the time column intervals are cut on, and the key that orders
 * rows with equal times.
 */
enum SourceTable {

    EVENTS(ExportModel.EVENTS, "events e", "e.project_id", "e.inserted_at", "e.uuid", "e.properties", "e.event", Map.of(
            "uuid", new ModelColumn("e.uuid::text", ColumnKind.TEXT, false),
            "event", new ModelColumn("e.event", ColumnKind.TEXT, false),
            "distinct_id", new ModelColumn("e.distinct_id", ColumnKind.TEXT, false),
            "person_id", new ModelColumn("e.person_id::text", ColumnKind.TEXT, true),
            "properties", new ModelColumn("e.properties::text", ColumnKind.JSON, false),
            "timestamp", new ModelColumn("e.timestamp", ColumnKind.TIMESTAMP, false),
            "inserted_at", new ModelColumn("e.inserted_at", ColumnKind.TIMESTAMP, false))),

    /**
     * Persons changed in the interval. The table holds one row per person, updated in place, so
     * each changed person is exported once, at its latest version.
     */
    PERSONS(ExportModel.PERSONS, "persons p", "p.project_id", "p.updated_at", "p.id", "p.properties", null, Map.of(
            "person_id", new ModelColumn("p.id::text", ColumnKind.TEXT, false),
            "distinct_ids", new ModelColumn("(select coalesce(jsonb_agg(d.distinct_id order by d.distinct_id), '[]'::jsonb)::text"
                    + " from person_distinct_ids d where d.project_id = p.project_id and d.person_id = p.id)", ColumnKind.JSON, false),
            "properties", new ModelColumn("p.properties::text", ColumnKind.JSON, false),
            "created_at", new ModelColumn("p.created_at", ColumnKind.TIMESTAMP, false),
            "updated_at", new ModelColumn("p.updated_at", ColumnKind.TIMESTAMP, false),
            "version", new ModelColumn("p.version", ColumnKind.INT64, false)));

    private final ExportModel model;
    private final String from;
    private final String projectColumn;
    private final String timeColumn;
    private final String keyColumn;
    private final String propertiesColumn;
    private final String eventColumn;
    private final Map<String, ModelColumn> columns;

    SourceTable(ExportModel model, String from, String projectColumn, String timeColumn, String keyColumn,
                String propertiesColumn, String eventColumn, Map<String, ModelColumn> columns) {
        this.model = model;
        this.from = from;
        this.projectColumn = projectColumn;
        this.timeColumn = timeColumn;
        this.keyColumn = keyColumn;
        this.propertiesColumn = propertiesColumn;
        this.eventColumn = eventColumn;
        this.columns = columns;
    }

    static SourceTable of(ExportModel model) {
        for (SourceTable t : values()) {
            if (t.model == model) {
                return t;
            }
        }
        throw new IllegalArgumentException("no source table for model " + model);
    }

    ExportModel model() {
        return model;
    }

    String from() {
        return from;
    }

    String projectColumn() {
        return projectColumn;
    }

    String timeColumn() {
        return timeColumn;
    }

    String keyColumn() {
        return keyColumn;
    }

    String propertiesColumn() {
        return propertiesColumn;
    }

    /** The event-name column, absent for models without events. */
    Optional<String> eventColumn() {
        return Optional.ofNullable(eventColumn);
    }

    Optional<ModelColumn> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }
}
