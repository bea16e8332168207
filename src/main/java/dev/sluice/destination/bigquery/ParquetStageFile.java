package dev.sluice.destination.bigquery;

import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
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
 * One chunk of an interval's rows as a Snappy-compressed Parquet file in a temporary file, written
 * batch by batch until the caller finds it big enough ({@link #bytes()}, with row groups sized for
 * the chunk) and {@link #finish() finishes} it. JSON texts are written as plain strings (the staging
 * table holds them as STRING; the merge parses them), so the file matches
 * {@link BigQueryColumns#stageSchema()}. {@link #close()} deletes the file.
 */
final class ParquetStageFile implements AutoCloseable {

    private final Path path;
    private final BatchWriter writer;
    private boolean finished;

    private ParquetStageFile(Path path, BatchWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** An empty chunk for rows of {@code schema}, its Parquet row groups sized for about {@code chunkBytes}. */
    static ParquetStageFile open(Schema schema, long chunkBytes) throws IOException {
        Path path = Files.createTempFile("sluice-bigquery-", ".parquet");
        try {
            OutputStream out = Files.newOutputStream(path);
            try {
                return new ParquetStageFile(path, BatchWriters.open(FileFormat.PARQUET, Compression.SNAPPY, plainStrings(schema), out, chunkBytes));
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    void write(VectorSchemaRoot batch) throws IOException {
        writer.write(batch);
    }

    /** Writes the Parquet footer; {@link #bytes()} is then the file's exact size. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            writer.close();
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
        return writer.records();
    }

    long bytes() {
        return writer.bytes();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
