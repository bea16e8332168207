package dev.sluice.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.format.SampleRows.Row;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.SnappyFramedInputStream;

class FormatRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = SampleRows.SCHEMA.getFields().stream().map(Field::getName).toList();

    @TempDir
    Path dir;

    private RootAllocator allocator;

    @BeforeEach
    void allocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        allocator.close();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void jsonLinesReadBackAsTheRowsWithJsonEmbeddedAndIsoTimestamps(Compression compression) throws IOException {
        Path file = writeSample(FileFormat.JSON_LINES, compression);

        String text = new String(decompress(compression, file), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<String> lines = List.of(text.split("\n"));
        assertThat(lines).hasSize(SampleRows.ROWS.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            Row expected = SampleRows.ROWS.get(i);
            List<String> keys = new ArrayList<>();
            line.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyElementsOf(NAMES);
            assertThat(line.get("uuid").textValue()).isEqualTo(expected.uuid());
            assertThat(line.get("event").textValue()).isEqualTo(expected.event());
            if (expected.propertiesJson() == null) {
                assertThat(line.get("properties").isNull()).isTrue();
            } else {
                assertThat(line.get("properties")).isEqualTo(JSON.readTree(expected.propertiesJson()));
            }
            if (expected.timestamp() == null) {
                assertThat(line.get("timestamp").isNull()).isTrue();
            } else {
                assertThat(line.get("timestamp").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
                assertThat(Instant.parse(line.get("timestamp").textValue())).isEqualTo(expected.timestamp());
            }
            assertThat(line.get("version").isNull() ? null : line.get("version").longValue()).isEqualTo(expected.version());
            assertThat(line.get("rank").isNull() ? null : line.get("rank").intValue()).isEqualTo(expected.rank());
            assertThat(line.get("active").isNull() ? null : line.get("active").booleanValue()).isEqualTo(expected.active());
            assertThat(line.get("score").isNull() ? null : line.get("score").doubleValue()).isEqualTo(expected.score());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void csvReadsBackAsAHeaderAndTheRowsQuotedPerRfc4180(Compression compression) throws IOException {
        Path file = writeSample(FileFormat.CSV, compression);

        String text = new String(decompress(compression, file), StandardCharsets.UTF_8);
        assertThat(text).contains("\"says \"\"hi\"\", then, leaves\"");
        List<List<String>> records = Rfc4180.parse(text);
        assertThat(records.get(0)).containsExactlyElementsOf(NAMES);
        assertThat(records).hasSize(SampleRows.ROWS.size() + 1);
        for (int i = 0; i < SampleRows.ROWS.size(); i++) {
            List<String> record = records.get(i + 1);
            Row expected = SampleRows.ROWS.get(i);
            assertThat(record.get(0)).isEqualTo(expected.uuid());
            assertThat(record.get(1)).isEqualTo(expected.event());
            assertThat(record.get(2) == null ? null : JSON.readTree(record.get(2)))
                    .isEqualTo(expected.propertiesJson() == null ? null : JSON.readTree(expected.propertiesJson()));
            assertThat(record.get(3) == null ? null : Instant.parse(record.get(3))).isEqualTo(expected.timestamp());
            assertThat(record.get(4) == null ? null : Long.valueOf(record.get(4))).isEqualTo(expected.version());
            assertThat(record.get(5) == null ? null : Integer.valueOf(record.get(5))).isEqualTo(expected.rank());
            assertThat(record.get(6) == null ? null : Boolean.valueOf(record.get(6))).isEqualTo(expected.active());
            assertThat(record.get(7) == null ? null : Double.valueOf(record.get(7))).isEqualTo(expected.score());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void parquetReadsBackWithParquetsOwnReaderUsingTheChosenCodec(Compression compression) throws IOException {
        Path file = writeSample(FileFormat.PARQUET, compression);
        assertThat(file.getFileName().toString()).endsWith(".parquet");

        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema.getFields()).extracting(Type::getName).containsExactlyElementsOf(NAMES);
            assertThat(schema.getType("uuid").isRepetition(Type.Repetition.REQUIRED)).isTrue();
            assertThat(schema.getType("event").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
            assertThat(schema.getType("properties").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.jsonType());
            assertThat(schema.getType("timestamp").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            assertThat(footer.getFooter().getBlocks()).allSatisfy(block -> assertThat(block.getColumns())
                    .extracting(ColumnChunkMetaData::getCodec).containsOnly(expectedCodec(compression)));
        }
        List<Group> groups = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                groups.add(g);
            }
        }
        assertThat(groups).hasSize(SampleRows.ROWS.size());
        Iterator<Row> expectedRows = SampleRows.ROWS.iterator();
        for (Group g : groups) {
            Row expected = expectedRows.next();
            assertThat(g.getString("uuid", 0)).isEqualTo(expected.uuid());
            assertThat(has(g, "event") ? g.getString("event", 0) : null).isEqualTo(expected.event());
            assertThat(has(g, "properties") ? g.getString("properties", 0) : null).isEqualTo(expected.propertiesJson());
            assertThat(has(g, "timestamp") ? micros(g.getLong("timestamp", 0)) : null).isEqualTo(expected.timestamp());
            assertThat(has(g, "version") ? g.getLong("version", 0) : null).isEqualTo(expected.version());
            assertThat(has(g, "rank") ? g.getInteger("rank", 0) : null).isEqualTo(expected.rank());
            assertThat(has(g, "active") ? g.getBoolean("active", 0) : null).isEqualTo(expected.active());
            assertThat(has(g, "score") ? g.getDouble("score", 0) : null).isEqualTo(expected.score());
        }
    }

    @Test
    void fileExtensionsNameTheFormatAndTheStreamingCompression() {
        assertThat(FileFormat.JSON_LINES.extension(Compression.GZIP)).isEqualTo("jsonl.gz");
        assertThat(FileFormat.JSON_LINES.extension(Compression.NONE)).isEqualTo("jsonl");
        assertThat(FileFormat.CSV.extension(Compression.ZSTD)).isEqualTo("csv.zst");
        assertThat(FileFormat.CSV.extension(Compression.SNAPPY)).isEqualTo("csv.sz");
        assertThat(FileFormat.JSON_LINES.extension(Compression.LZ4)).isEqualTo("jsonl.lz4");
        assertThat(FileFormat.PARQUET.extension(Compression.ZSTD)).isEqualTo("parquet");
        assertThat(Compression.fromConfigValue(null)).contains(Compression.NONE);
        assertThat(Compression.fromConfigValue("brotli")).isEmpty();
        assertThat(FileFormat.fromConfigValue("JSONLines")).contains(FileFormat.JSON_LINES);
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void bytesAreCountedAfterCompression(FileFormat format) throws IOException {
        long plain = writeRepetitive(format, Compression.NONE);
        long gzip = writeRepetitive(format, Compression.GZIP);

        assertThat(gzip).isLessThan(plain / 4);
    }

    /** Writes 20,000 similar rows in batches of 1,000 and checks the writer's byte count against the file. */
    private long writeRepetitive(FileFormat format, Compression compression) throws IOException {
        Path file = dir.resolve("repetitive-" + compression + "." + format.extension(compression));
        BatchWriter writer = BatchWriters.open(format, compression, SampleRows.SCHEMA, Files.newOutputStream(file));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(SampleRows.SCHEMA, allocator)) {
            for (int batch = 0; batch < 20; batch++) {
                SampleRows.fill(root, 0, 1);
                for (int i = 1; i < 1000; i++) {
                    ((VarCharVector) root.getVector("uuid")).setSafe(i, ("row-" + batch + "-" + i).getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(1000);
                writer.write(root);
            }
        }
        writer.close();
        assertThat(writer.records()).isEqualTo(20_000);
        assertThat(writer.bytes()).isEqualTo(Files.size(file));
        return writer.bytes();
    }

    /** Writes the sample rows in two batches through one reused root, as a source delivers them. */
    private Path writeSample(FileFormat format, Compression compression) throws IOException {
        Path file = dir.resolve("sample." + format.extension(compression));
        BatchWriter writer = BatchWriters.open(format, compression, SampleRows.SCHEMA, Files.newOutputStream(file));
        try (VectorSchemaRoot root = SampleRows.batch(allocator, 0, 3)) {
            writer.write(root);
            SampleRows.fill(root, 3, SampleRows.ROWS.size());
            writer.write(root);
        }
        writer.close();
        assertThat(writer.records()).isEqualTo(SampleRows.ROWS.size());
        assertThat(writer.bytes()).isEqualTo(Files.size(file));
        return file;
    }

    private static byte[] decompress(Compression compression, Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try (InputStream in = switch (compression) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw);
            case ZSTD -> new ZstdInputStream(raw);
            case SNAPPY -> new SnappyFramedInputStream(raw);
            case LZ4 -> new LZ4FrameInputStream(raw);
        }) {
            return in.readAllBytes();
        }
    }

    private static CompressionCodecName expectedCodec(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case LZ4 -> CompressionCodecName.LZ4_RAW;
        };
    }

    private static boolean has(Group g, String field) {
        return g.getFieldRepetitionCount(field) > 0;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
