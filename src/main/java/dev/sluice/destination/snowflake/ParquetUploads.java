package dev.sluice.destination.snowflake;

import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes an interval's rows into local Snappy Parquet files of at most about {@code fileBytes}
 * each and {@code PUT}s every file into the staging table's stage as soon as it is complete,
 * deleting it locally afterwards, so the local disk holds one file at a time. JSON columns are
 * written as plain strings (the merge parses them), timestamps as UTC microseconds.
 */
final class ParquetUploads {

    /** What was uploaded. */
    record Uploaded(int files, long records, long bytes) {
    }

    private final Path directory;
    private final long fileBytes;

    ParquetUploads(Path directory, long fileBytes) {
        this.directory = directory;
        this.fileBytes = fileBytes;
    }

    Uploaded upload(Connection connection, SnowflakeSql sql, RecordBatchStream rows) throws IOException, SQLException {
        Schema schema = withoutMetadata(rows.schema());
        int files = 0;
        long records = 0;
        long bytes = 0;
        Path file = null;
        BatchWriter writer = null;
        try {
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (writer == null) {
                    file = directory.resolve("part-" + String.format("%05d", files) + ".parquet");
                    OutputStream out = Files.newOutputStream(file);
                    writer = BatchWriters.open(FileFormat.PARQUET, Compression.SNAPPY, schema, out, fileBytes);
                }
                writer.write(batch);
                if (writer.bytes() >= fileBytes) {
                    bytes += finish(connection, sql, writer, file);
                    records += writer.records();
                    files++;
                    writer = null;
                }
            }
            if (writer != null) {
                bytes += finish(connection, sql, writer, file);
                records += writer.records();
                files++;
                writer = null;
            }
            return new Uploaded(files, records, bytes);
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private static long finish(Connection connection, SnowflakeSql sql, BatchWriter writer, Path file) throws IOException, SQLException {
        writer.close();
        long size = Files.size(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.put(file));
        }
        Files.delete(file);
        return size;
    }

    /** The schema without field metadata: JSON columns become plain strings in the Parquet file. */
    static Schema withoutMetadata(Schema schema) {
        return new Schema(schema.getFields().stream()
                .map(f -> new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), f.getDictionary(), null), f.getChildren()))
                .toList());
    }
}
