package dev.sluice.source.postgres;

import dev.sluice.source.EventSource;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.SourceReadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.stereotype.Component;

/**
 * The built-in event store (tables {@code events}, {@code persons}, {@code person_distinct_ids}) as
 * an {@link EventSource}.
 *
 * <p>Rows of the interval {@code [start, end)} by ingestion time ({@code inserted_at}; for persons
 * {@code updated_at}) stream in {@code (time, key)} order, where the key is the event uuid or the
 * person id. Fields and filters are pushed down into one SQL statement; see {@link SourceSql}.
 * Event-name filters apply to the events model only; property filters test the model's
 * {@code properties} (the event's or the person's).
 * Arrow types: text, uuids and JSON are Utf8 (JSON columns carry the {@code arrow.json} extension
 * name in their metadata), timestamps are microsecond timestamps in "UTC", {@code version} is Int64.
 */
@Component
public class PostgresEventSource implements EventSource {

    private final DataSource dataSource;
    private final SourceProperties properties;

    public PostgresEventSource(DataSource dataSource, SourceProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /**
     * Opens a stream that holds one connection until it is closed. The stream's batches are
     * allocated from {@code allocator}; closing the stream frees them.
     */
    @Override
    public RecordBatchStream open(SourceQuery query, BufferAllocator allocator) {
        SourceTable table = SourceTable.of(query.model());
        List<SelectedColumn> columns = SourceSql.columns(table, query.schema());
        BoundSql sql = SourceSql.select(query, table, columns);
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new SourceReadException("Could not connect to the event store: " + e.getMessage(), e);
        }
        return PostgresRecordBatchStream.open(connection, sql, columns, allocator, properties.batchRows(), describe(query));
    }

    @Override
    public long count(SourceQuery query) {
        SourceTable table = SourceTable.of(query.model());
        SourceSql.columns(table, query.schema());
        BoundSql sql = SourceSql.count(query, table);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            Parameters.bind(statement, sql.params());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new SourceReadException("Could not count " + describe(query) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(SourceQuery query) {
        return query.model().apiValue() + " of project " + query.projectId() + " in " + query.interval();
    }
}
