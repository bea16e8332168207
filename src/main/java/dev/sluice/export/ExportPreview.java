package dev.sluice.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.DataInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.format.JsonColumns;
import dev.sluice.source.EventSource;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.springframework.stereotype.Service;

/**
 * What an export would write, before a run spends anything: the first {@link #ROWS} rows of its
 * last complete interval, as display strings, and the number of rows in that interval. Works for a
 * saved export and for an unsaved draft (whose destination is not needed). Reads the project's
 * {@link EventSource} with the same fields and filters a run pushes down.
 */
@Service
public class ExportPreview {

    public static final int ROWS = 20;
    private static final int THREADS = 2;

    private final ExportService exports;
    private final ExportDraftValidator validator;
    private final EventSource source;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService background = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "sluice-preview");
        thread.setDaemon(true);
        return thread;
    });

    ExportPreview(ExportService exports, EventSource source, ObjectMapper json, Clock clock) {
        this.exports = exports;
        this.validator = exports.validator();
        this.source = source;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The preview's answer. {@code rows} holds at most {@link #ROWS} rows of {@code columns.size()}
     * values each: text as it is, timestamps in ISO-8601 UTC, JSON as compact JSON, null as null.
     */
    public record Result(DataInterval interval, long count, List<String> columns, List<List<String>> rows) {
    }

    /** The preview of a stored export; a {@code NotFoundException} when it is not in the project. */
    public Result ofSaved(UUID projectId, UUID exportId) {
        return ofSaved(projectId, exportId, clock.instant());
    }

    /** {@link #ofSaved} on a thread of the preview's own, so a view can show progress meanwhile. */
    public CompletableFuture<Result> ofSavedLater(UUID projectId, UUID exportId) {
        return CompletableFuture.supplyAsync(() -> ofSaved(projectId, exportId), background);
    }

    /** {@link #ofDraft} on a thread of the preview's own; a bad draft completes it with the {@code BadRequestException}. */
    public CompletableFuture<Result> ofDraftLater(UUID projectId, ExportDraft draft) {
        return CompletableFuture.supplyAsync(() -> ofDraft(projectId, draft), background);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    Result ofSaved(UUID projectId, UUID exportId, Instant now) {
        BatchExport export = exports.get(projectId, exportId);
        return preview(projectId, new ExportSelection(export.getInterval(), export.getIntervalOffset(), export.zoneId(),
                export.getModel(), export.getSchema(), export.getFilters()), now);
    }

    /** The preview of an unsaved draft; a {@code BadRequestException} naming the field when it is invalid. */
    public Result ofDraft(UUID projectId, ExportDraft draft) {
        return ofDraft(projectId, draft, clock.instant());
    }

    Result ofDraft(UUID projectId, ExportDraft draft, Instant now) {
        return preview(projectId, validator.selection(draft), now);
    }

    private Result preview(UUID projectId, ExportSelection selection, Instant now) {
        IntervalGrid grid = selection.grid();
        DataInterval interval = grid.intervalEndingAt(grid.floor(now));
        SourceQuery query = new SourceQuery(projectId, selection.model(), selection.schema(), selection.filters(), interval, null)
                .withLimit(ROWS);
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream stream = source.open(query, allocator)) {
            List<String> columns = stream.schema().getFields().stream().map(Field::getName).toList();
            List<List<String>> rows = new ArrayList<>();
            while (rows.size() < ROWS && stream.next()) {
                VectorSchemaRoot root = stream.root();
                for (int i = 0; i < root.getRowCount() && rows.size() < ROWS; i++) {
                    rows.add(row(root, i));
                }
            }
            return new Result(interval, source.count(query), columns, rows);
        } catch (InvalidSourceQueryException e) {
            throw new BadRequestException(null, e.getMessage());
        }
    }

    private List<String> row(VectorSchemaRoot root, int index) {
        List<String> values = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector vector : root.getFieldVectors()) {
            values.add(display(vector, index));
        }
        return values;
    }

    private String display(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof VarCharVector text) {
            String value = new String(text.get(index), StandardCharsets.UTF_8);
            return JsonColumns.isJson(vector.getField()) ? compact(value) : value;
        }
        if (vector instanceof TimeStampMicroTZVector time) {
            long micros = time.get(index);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
        }
        if (vector instanceof BigIntVector number) {
            return Long.toString(number.get(index));
        }
        return String.valueOf(vector.getObject(index));
    }

    private String compact(String jsonText) {
        try {
            return json.writeValueAsString(json.readTree(jsonText));
        } catch (JsonProcessingException e) {
            return jsonText;
        }
    }
}
