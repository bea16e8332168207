package dev.sluice.destination.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.DataInterval;
import dev.sluice.common.SluiceProperties;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.Destinations;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.EventSource;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The data path as the application wires it: the event source bean feeding the Files destination bean. */
@SluiceIntegrationTest
class FilesDataPathIntegrationTest {

    @Autowired
    EventSource source;

    @Autowired
    Destinations destinations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SluiceProperties sluice;

    @Test
    void theAppsSourceAndFilesDestinationExportAnIntervalUnderTheDataDirectory() throws IOException {
        UUID project = UUID.randomUUID();
        jdbc.update("insert into projects (id, name, api_token, created_at) values (?, ?, ?, now())", project, "data path", "phc_" + project);
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < 12; i++) {
            jdbc.update("insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)"
                            + " values (?, ?, 'signup', 'user', '{\"plan\": \"pro\"}'::jsonb, ?, ?)",
                    project, UUID.randomUUID(), Timestamp.from(start.plusSeconds(i)), Timestamp.from(start.plusSeconds(i)));
        }
        DataInterval interval = new DataInterval(start, start.plusSeconds(3600));
        SourceQuery query = new SourceQuery(project, ExportModel.EVENTS, null, null, interval, null);
        String path = "it-" + project;
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        ExportOutcome outcome;
        try (RootAllocator allocator = new RootAllocator(); RecordBatchStream rows = source.open(query, allocator)) {
            outcome = destinations.forType(DestinationType.FILES).write(new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(),
                    project, interval, ExportModel.EVENTS, Map.of("path", path, "compression", "gzip"), ExportCheckpoint.start()),
                    rows, checkpoints::add);
        }

        Path dir = sluice.dataDir().resolve("exports").resolve(path).resolve("20240501T000000Z_20240501T010000Z");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("records").asLong()).isEqualTo(12).isEqualTo(source.count(query));
        assertThat(manifest.get("files").get(0).get("name").asText()).isEqualTo("part-00000.jsonl.gz");
        assertThat(outcome.records()).isEqualTo(12);
        assertThat(checkpoints).hasSize(1);
    }
}
