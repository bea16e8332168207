package dev.sluice.source.clickhouse;

import dev.sluice.source.Cursor;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.SourceQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ClickHouse query for a {@link SourceQuery} over a PostHog-style {@code events} table. Column
 * names come from a whitelist; event names, property keys and paths, filter values, times and the
 * resume cursor are query parameters ({@code {p0:String}}), sent apart from the SQL.
 *
 * <p>Rows are deduplicated within the interval as PostHog's batch exports do: ClickHouse may hold
 * the same event more than once until merges run, so only the first row per {@code uuid} (in
 * {@code (inserted_at, uuid)} order) is kept, before the resume cursor is applied.
 */
final class ClickHouseSql {

    static final String CURSOR_TIME = "_sluice_cursor_time";
    static final String CURSOR_KEY = "_sluice_cursor_key";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String TIME_TYPE = "DateTime64(6, 'UTC')";

    /** The whitelist: model field → ClickHouse expression over the deduplicated row. */
    private static final Map<String, ClickHouseColumn> FIELDS = Map.of(
            "uuid", new ClickHouseColumn("uuid", "toString(uuid)", ClickHouseColumn.Kind.TEXT, false),
            "event", new ClickHouseColumn("event", "event", ClickHouseColumn.Kind.TEXT, false),
            "distinct_id", new ClickHouseColumn("distinct_id", "distinct_id", ClickHouseColumn.Kind.TEXT, false),
            "person_id", new ClickHouseColumn("person_id", "if(person_id = toUUID('00000000-0000-0000-0000-000000000000'), NULL, toString(person_id))",
                    ClickHouseColumn.Kind.TEXT, true),
            "properties", new ClickHouseColumn("properties", "properties", ClickHouseColumn.Kind.JSON, false),
            "timestamp", new ClickHouseColumn("timestamp", "toDateTime64(timestamp, 6, 'UTC')", ClickHouseColumn.Kind.TIMESTAMP, false),
            "inserted_at", new ClickHouseColumn("inserted_at", "toDateTime64(inserted_at, 6, 'UTC')", ClickHouseColumn.Kind.TIMESTAMP, false));

    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<ClickHouseColumn> columns = new ArrayList<>();

    private ClickHouseSql() {
    }

    /** The SQL text and its parameters, all pre-formatted as ClickHouse reads them from the HTTP interface. */
    record Statement(String sql, Map<String, String> params, List<ClickHouseColumn> columns) {
    }

    /**
     * Selects the query's columns (named {@code c0, c1, …}: the aliases, which users choose, are
     * applied on the Arrow side) plus the cursor (time, key) as the last two columns, in cursor order,
     * and at most the query's limit of rows.
     */
    static Statement select(SourceQuery query, ClickHouseConnection connection) {
        ClickHouseSql b = new ClickHouseSql();
        b.resolveColumns(query);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < b.columns.size(); i++) {
            sql.append(b.columns.get(i).sql()).append(" AS c").append(i).append(", ");
        }
        sql.append("toDateTime64(inserted_at, 6, 'UTC') AS ").append(CURSOR_TIME).append(", toString(uuid) AS ").append(CURSOR_KEY)
                .append(" FROM (").append(b.deduplicated(query, connection)).append(")");
        Cursor after = query.resumeAfter();
        if (after != null) {
            sql.append(" WHERE (toDateTime64(inserted_at, 6, 'UTC'), toString(uuid)) > (")
                    .append(b.param(TIME.format(after.insertedAt()), TIME_TYPE)).append(", ").append(b.param(after.key(), "String")).append(")");
        }
        sql.append(" ORDER BY ").append(CURSOR_TIME).append(", ").append(CURSOR_KEY);
        if (query.limit() != null) {
            sql.append(" LIMIT ").append(query.limit().intValue());
        }
        sql.append(" SETTINGS output_format_arrow_string_as_string = 1, output_format_arrow_low_cardinality_as_dictionary = 0,"
                        + " output_format_arrow_compression_method = 'none'")
                .append(" FORMAT ArrowStream");
        return new Statement(sql.toString(), b.params, b.columns);
    }

    /** Counts the deduplicated rows of the interval, ignoring the resume cursor. */
    static Statement count(SourceQuery query, ClickHouseConnection connection) {
        ClickHouseSql b = new ClickHouseSql();
        b.resolveColumns(query);
        String sql = "SELECT count() FROM (" + b.deduplicated(query, connection) + ") FORMAT TabSeparated";
        return new Statement(sql, b.params, b.columns);
    }

    private String deduplicated(SourceQuery query, ClickHouseConnection connection) {
        String database = connection.database() == null || connection.database().isBlank() ? "default" : connection.database();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(param(database, "Identifier")).append(".events WHERE inserted_at >= ")
                .append(param(TIME.format(query.interval().start()), TIME_TYPE))
                .append(" AND inserted_at < ").append(param(TIME.format(query.interval().end()), TIME_TYPE));
        if (connection.teamId() != null) {
            sql.append(" AND team_id = ").append(param(connection.teamId().toString(), "Int64"));
        }
        filters(query.filters(), sql);
        sql.append(" ORDER BY inserted_at, toString(uuid) LIMIT 1 BY uuid");
        return sql.toString();
    }

    private void resolveColumns(SourceQuery query) {
        if (query.model() != ExportModel.EVENTS) {
            throw new InvalidSourceQueryException("The ClickHouse source offers the events model only, not "
                    + query.model().apiValue() + ".");
        }
        ExportSchema schema = query.schema();
        List<ExportSchema.Field> fields = schema == null || schema.fields() == null || schema.fields().isEmpty()
                ? query.model().defaultFields().stream().map(f -> new ExportSchema.Field(f, f)).toList()
                : schema.fields();
        Set<String> aliases = new HashSet<>();
        for (ExportSchema.Field field : fields) {
            if (field == null || field.expression() == null || field.expression().isBlank()) {
                throw new InvalidSourceQueryException("Every schema field needs an expression.");
            }
            String expression = field.expression();
            String alias = field.alias() == null || field.alias().isBlank()
                    ? expression.replace('.', '_').replace("$", "") : field.alias();
            if (!aliases.add(alias)) {
                throw new InvalidSourceQueryException("The schema uses the alias '" + alias + "' twice.");
            }
            columns.add(resolve(expression, alias));
        }
    }

    private ClickHouseColumn resolve(String expression, String alias) {
        int dot = expression.indexOf('.');
        if (dot < 0) {
            ClickHouseColumn column = FIELDS.get(expression);
            if (column == null) {
                throw new InvalidSourceQueryException("'" + expression + "' is not a field of the events model.");
            }
            return new ClickHouseColumn(alias, column.sql(), column.kind(), column.nullable());
        }
        List<String> path = List.of(expression.substring(dot + 1).split("\\.", -1));
        if (!expression.substring(0, dot).equals("properties") || path.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSourceQueryException("'" + expression + "' is neither a field of the events model"
                    + " nor a properties path such as properties.$browser.");
        }
        return new ClickHouseColumn(alias, propertyText(path), ClickHouseColumn.Kind.TEXT, true);
    }

    /**
     * A property as text, as PostgreSQL's {@code #>>} gives it: strings unquoted, other values as
     * JSON text, missing or JSON null as NULL.
     */
    private String propertyText(List<String> path) {
        StringBuilder keys = new StringBuilder();
        for (String key : path) {
            keys.append(", ").append(param(key, "String"));
        }
        String k = keys.toString();
        return "multiIf(JSONType(properties" + k + ") = 'Null', NULL, JSONType(properties" + k + ") = 'String', "
                + "JSONExtractString(properties" + k + "), JSONExtractRaw(properties" + k + "))";
    }

    private void filters(ExportFilters filters, StringBuilder sql) {
        if (filters == null) {
            return;
        }
        if (filters.includeEvents() != null && !filters.includeEvents().isEmpty()) {
            sql.append(" AND event IN ").append(list(filters.includeEvents()));
        }
        if (filters.excludeEvents() != null && !filters.excludeEvents().isEmpty()) {
            sql.append(" AND event NOT IN ").append(list(filters.excludeEvents()));
        }
        if (filters.properties() != null) {
            for (ExportFilters.PropertyFilter filter : filters.properties()) {
                propertyFilter(filter, sql);
            }
        }
    }

    private void propertyFilter(ExportFilters.PropertyFilter filter, StringBuilder sql) {
        if (filter == null || filter.key() == null || filter.key().isBlank()) {
            throw new InvalidSourceQueryException("Every property filter needs a key.");
        }
        String operator = filter.operator() == null ? "" : filter.operator();
        String property = "(" + propertyText(List.of(filter.key())) + ")";
        switch (operator) {
            case "exact" -> {
                if (filter.value() instanceof Collection<?> values) {
                    sql.append(" AND ").append(property).append(" IN ")
                            .append(list(values.stream().map(filter::textOf).toList()));
                } else {
                    sql.append(" AND ").append(property).append(" = ").append(param(filter.textOf(filter.value()), "String"));
                }
            }
            case "is_not" -> {
                if (filter.value() instanceof Collection<?> values) {
                    sql.append(" AND (isNull(").append(property).append(") OR ").append(property).append(" NOT IN ")
                            .append(list(values.stream().map(filter::textOf).toList())).append(")");
                } else {
                    sql.append(" AND (isNull(").append(property).append(") OR ").append(property).append(" != ")
                            .append(param(filter.textOf(filter.value()), "String")).append(")");
                }
            }
            case "icontains" -> sql.append(" AND positionCaseInsensitiveUTF8(").append(property).append(", ")
                    .append(param(filter.textOf(filter.value()), "String")).append(") > 0");
            case "is_set" -> sql.append(" AND isNotNull(").append(property).append(")");
            case "is_not_set" -> sql.append(" AND isNull(").append(property).append(")");
            default -> throw new InvalidSourceQueryException("The property filter on '" + filter.key()
                    + "' has operator '" + operator + "'; use exact, is_not, icontains, is_set or is_not_set.");
        }
    }


    /** A list of String parameters, {@code ({p1:String}, {p2:String})}, one per value. */
    private String list(Collection<String> values) {
        StringBuilder text = new StringBuilder("(");
        for (String v : values) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(param(v, "String"));
        }
        return text.append(')').toString();
    }

    /**
     * Adds a parameter. The HTTP interface reads parameter values in ClickHouse's escaped text
     * format (and client-v2 sends strings as they are), so backslashes and control characters are
     * escaped here.
     */
    private String param(String value, String type) {
        String name = "p" + params.size();
        params.put(name, value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\0", "\\0"));
        return "{" + name + ":" + type + "}";
    }
}
