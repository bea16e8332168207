package dev.sluice.source.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.sluice.source.EventSource;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.SourceReadException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * A PostHog-style {@code events} table in ClickHouse as an {@link EventSource}, read over HTTP with
 * client-v2 in {@code FORMAT ArrowStream} and streamed straight into Arrow's
 * {@link ArrowStreamReader}. Rows of {@code [start, end)} by {@code inserted_at} come in
 * {@code (inserted_at, uuid)} order, one per uuid (see {@link ClickHouseSql}); fields and filters are
 * pushed down with query parameters. Responses are not compressed (ClickHouse's own framing is not
 * needed over a local network and the client reads plain Arrow bytes).
 */
public class ClickHouseEventSource implements EventSource, AutoCloseable {

    static final long QUERY_TIMEOUT_MINUTES = 30;

    private final ClickHouseConnection connection;
    private final Client client;

    public ClickHouseEventSource(ClickHouseConnection connection) {
        this.connection = connection;
        this.client = new Client.Builder()
                .addEndpoint(connection.url())
                .setUsername(connection.user() == null || connection.user().isBlank() ? "default" : connection.user())
                .setPassword(connection.password() == null ? "" : connection.password())
                .setDefaultDatabase(connection.database() == null || connection.database().isBlank() ? "default" : connection.database())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .build();
    }

    @Override
    public RecordBatchStream open(SourceQuery query, BufferAllocator allocator) {
        ClickHouseSql.Statement statement = ClickHouseSql.select(query, connection);
        QueryResponse response = execute(statement, ClickHouseFormat.ArrowStream, query);
        try {
            ArrowStreamReader reader = new ArrowStreamReader(response.getInputStream(), allocator);
            return new ClickHouseRecordBatchStream(response, reader, statement.columns(), allocator, describe(query));
        } catch (RuntimeException e) {
            closeQuietly(response);
            throw e;
        }
    }

    @Override
    public long count(SourceQuery query) {
        ClickHouseSql.Statement statement = ClickHouseSql.count(query, connection);
        try (QueryResponse response = execute(statement, ClickHouseFormat.TabSeparated, query);
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            return Long.parseLong(reader.readLine().trim());
        } catch (SourceReadException e) {
            throw e;
        } catch (Exception e) {
            throw new SourceReadException("Could not count " + describe(query) + " in ClickHouse: " + e.getMessage(), e);
        }
    }

    private QueryResponse execute(ClickHouseSql.Statement statement, ClickHouseFormat format, SourceQuery query) {
        QuerySettings settings = new QuerySettings().setFormat(format);
        Map<String, Object> params = new HashMap<>(statement.params());
        try {
            return client.query(statement.sql(), params, settings).get(QUERY_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceReadException("Interrupted while querying " + describe(query) + " in ClickHouse", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SourceReadException("Could not query " + describe(query) + " in ClickHouse: " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new SourceReadException("Could not query " + describe(query) + " in ClickHouse: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(QueryResponse response) {
        try {
            response.close();
        } catch (Exception ignored) {
            // already failing; the original error is the one to report
        }
    }

    private static String describe(SourceQuery query) {
        return query.model().apiValue() + " of project " + query.projectId() + " in " + query.interval();
    }

    @Override
    public void close() {
        client.close();
    }
}
