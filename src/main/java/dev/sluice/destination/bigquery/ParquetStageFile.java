package dev.sluice.destination.bigquery;

import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The interval's rows as one Snappy-compressed Parquet file in a temporary file, written batch by
 * batch as the stream delivers them. JSON texts are written as plain strings (the staging table
 * holds them as STRING; the merge parses them), so the file matches {@link BigQueryColumns#stageSchema()}.
 * {@link #close()} deletes the file.
 */
final class ParquetStageFile implements AutoCloseable {

    private final Path path;
    private final long records;
    private final long bytes;

    private ParquetStageFile(Path path, long records, long bytes) {
        this.path = path;
        this.records = records;
        this.bytes = bytes;
    }

    static ParquetStageFile write(RecordBatchStream rows) throws IOException {
        Path path = Files.createTempFile("sluice-bigquery-", ".parquet");
        try {
            BatchWriter writer;
            try (OutputStream out = Files.newOutputStream(path)) {
                writer = BatchWriters.open(FileFormat.PARQUET, Compression.SNAPPY, plainStrings(rows.schema()), out);
                try (writer) {
                    while (rows.next()) {
                        VectorSchemaRoot batch = rows.root();
                        if (batch.getRowCount() > 0) {
                            writer.write(batch);
                        }
                    }
                }
            }
            return new ParquetStageFile(path, writer.records(), writer.bytes());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** The schema without the JSON extension marks, so JSON columns become plain Parquet strings. */
    static Schema plainStrings(Schema schema) {
        List<Field> fields = schema.getFields().stream()
                .map(f -> new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), f.getDictionary(), null), f.getChildren()))
                .toList();
        return new Schema(fields);
    }

    Path path() {
        return path;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
