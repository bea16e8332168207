package dev.sluice.source.postgres;

import dev.sluice.source.Cursor;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link SourceQuery} into SQL with the export's fields and filters pushed down. Column
 * and table names come only from {@link SourceTable}'s whitelist; event names, property keys,
 * property paths and filter values are always bound parameters.
 */
final class SourceSql {

    private SourceSql() {
    }

    /** The output columns, in schema order; the model's default fields when the schema is null. */
    static List<SelectedColumn> columns(SourceTable table, ExportSchema schema) {
        List<ExportSchema.Field> fields = schema == null || schema.fields() == null || schema.fields().isEmpty()
                ? table.model().defaultFields().stream().map(f -> new ExportSchema.Field(f, f)).toList()
                : schema.fields();
        List<SelectedColumn> columns = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (ExportSchema.Field field : fields) {
            if (field == null || field.expression() == null || field.expression().isBlank()) {
                throw new InvalidSourceQueryException("Every schema field needs an expression.");
            }
            String alias = field.alias() == null || field.alias().isBlank() ? defaultAlias(field.expression()) : field.alias();
            if (!aliases.add(alias)) {
                throw new InvalidSourceQueryException("The schema uses the alias '" + alias + "' twice.");
            }
            columns.add(resolve(table, field.expression(), alias));
        }
        return columns;
    }

    /** The alias of a field without one: dots become underscores and {@code $} is dropped ({@code properties.$browser} → {@code properties_browser}). */
    static String defaultAlias(String expression) {
        return expression.replace('.', '_').replace("$", "");
    }

    /**
     * Selects the query's columns plus the row's cursor (time, key text) as the last two columns, in
     * cursor order, and at most the query's limit of rows.
     */
    static BoundSql select(SourceQuery query, SourceTable table, List<SelectedColumn> columns) {
        StringBuilder sql = new StringBuilder("select ");
        List<Object> params = new ArrayList<>();
        for (SelectedColumn column : columns) {
            sql.append(column.sql()).append(", ");
            params.addAll(column.params());
        }
        sql.append(table.timeColumn()).append(", ").append(table.keyColumn()).append("::text from ").append(table.from());
        where(query, table, sql, params);
        Cursor after = query.resumeAfter();
        if (after != null) {
            sql.append(" and (").append(table.timeColumn()).append(", ").append(table.keyColumn()).append(") > (?, ?)");
            params.add(after.insertedAt());
            params.add(cursorKey(after));
        }
        sql.append(" order by ").append(table.timeColumn()).append(", ").append(table.keyColumn());
        if (query.limit() != null) {
            sql.append(" limit ?");
            params.add(query.limit().longValue());
        }
        return new BoundSql(sql.toString(), params);
    }

    /** Counts the rows {@link #select} returns, ignoring {@code resumeAfter}. */
    static BoundSql count(SourceQuery query, SourceTable table) {
        StringBuilder sql = new StringBuilder("select count(*) from ").append(table.from());
        List<Object> params = new ArrayList<>();
        where(query, table, sql, params);
        return new BoundSql(sql.toString(), params);
    }

    private static SelectedColumn resolve(SourceTable table, String expression, String alias) {
        int dot = expression.indexOf('.');
        if (dot < 0) {
            ModelColumn column = table.column(expression).orElseThrow(() -> new InvalidSourceQueryException(
                    "'" + expression + "' is not a field of the " + table.model().apiValue() + " model."));
            return new SelectedColumn(alias, column.sql(), List.of(), column.kind(), column.nullable());
        }
        String root = expression.substring(0, dot);
        List<String> path = List.of(expression.substring(dot + 1).split("\\.", -1));
        if (!root.equals("properties") || path.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSourceQueryException("'" + expression + "' is neither a field of the " + table.model().apiValue()
                    + " model nor a properties path such as properties.$browser.");
        }
        return new SelectedColumn(alias, "(" + table.propertiesColumn() + " #>> ?)", List.of(new TextArray(path)), ColumnKind.TEXT, true);
    }

    private static void where(SourceQuery query, SourceTable table, StringBuilder sql, List<Object> params) {
        sql.append(" where ").append(table.projectColumn()).append(" = ? and ")
                .append(table.timeColumn()).append(" >= ? and ").append(table.timeColumn()).append(" < ?");
        params.add(query.projectId());
        params.add(query.interval().start());
        params.add(query.interval().end());
        ExportFilters filters = query.filters();
        if (filters == null) {
            return;
        }
        table.eventColumn().ifPresent(event -> {
            if (filters.includeEvents() != null && !filters.includeEvents().isEmpty()) {
                sql.append(" and ").append(event).append(" = any(?)");
                params.add(new TextArray(List.copyOf(filters.includeEvents())));
            }
            if (filters.excludeEvents() != null && !filters.excludeEvents().isEmpty()) {
                sql.append(" and ").append(event).append(" <> all(?)");
                params.add(new TextArray(List.copyOf(filters.excludeEvents())));
            }
        });
        if (filters.properties() != null) {
            for (ExportFilters.PropertyFilter filter : filters.properties()) {
                propertyFilter(table, filter, sql, params);
            }
        }
    }

    private static void propertyFilter(SourceTable table, ExportFilters.PropertyFilter filter, StringBuilder sql, List<Object> params) {
        if (filter == null || filter.key() == null || filter.key().isBlank()) {
            throw new InvalidSourceQueryException("Every property filter needs a key.");
        }
        String property = "(" + table.propertiesColumn() + " ->> ?)";
        String operator = filter.operator() == null ? "" : filter.operator();
        params.add(filter.key());
        switch (operator) {
            case "exact" -> {
                if (filter.value() instanceof Collection<?> values) {
                    sql.append(" and ").append(property).append(" = any(?)");
                    params.add(new TextArray(values.stream().map(filter::textOf).toList()));
                } else {
                    sql.append(" and ").append(property).append(" = ?");
                    params.add(filter.textOf(filter.value()));
                }
            }
            case "is_not" -> {
                if (filter.value() instanceof Collection<?> values) {
                    sql.append(" and not coalesce(").append(property).append(" = any(?), false)");
                    params.add(new TextArray(values.stream().map(filter::textOf).toList()));
                } else {
                    sql.append(" and ").append(property).append(" is distinct from ?");
                    params.add(filter.textOf(filter.value()));
                }
            }
            case "icontains" -> {
                sql.append(" and strpos(lower(").append(property).append("), lower(?)) > 0");
                params.add(filter.textOf(filter.value()));
            }
            case "is_set" -> sql.append(" and ").append(property).append(" is not null");
            case "is_not_set" -> sql.append(" and ").append(property).append(" is null");
            default -> throw new InvalidSourceQueryException("The property filter on '" + filter.key()
                    + "' has operator '" + operator + "'; use exact, is_not, icontains, is_set or is_not_set.");
        }
    }


    private static UUID cursorKey(Cursor cursor) {
        try {
            return UUID.fromString(cursor.key());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resume cursor key '" + cursor.key() + "' is not a uuid", e);
        }
    }
}
