package dev.sluice.source;

import dev.sluice.source.clickhouse.ClickHouseSources;
import dev.sluice.source.postgres.PostgresEventSource;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The source of each query's project: its ClickHouse events table when one is configured
 * ({@code PUT /api/projects/{id}/source}), else the built-in event store. This is the
 * {@link EventSource} the export workflow's activities receive.
 */
@Primary
@Component
class ProjectEventSource implements EventSource {

    private final PostgresEventSource postgres;
    private final ClickHouseSources clickhouse;

    ProjectEventSource(PostgresEventSource postgres, ClickHouseSources clickhouse) {
        this.postgres = postgres;
        this.clickhouse = clickhouse;
    }

    private EventSource of(SourceQuery query) {
        return clickhouse.forProject(query.projectId()).<EventSource>map(s -> s).orElse(postgres);
    }

    @Override
    public RecordBatchStream open(SourceQuery query, BufferAllocator allocator) {
        return of(query).open(query, allocator);
    }

    @Override
    public long count(SourceQuery query) {
        return of(query).count(query);
    }
}
