package dev.sluice.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.SnappyFramedInputStream;

/** A file written as several segments, each in a stream of its own, reads back as one file. */
class ContinuationSegmentsTest {

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void everyArrowBufferWasFreed() {
        allocator.close();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void csvSegmentsConcatenateIntoOneFileWithASingleHeader(Compression compression) throws IOException {
        String text = new String(decompress(compression, segments(FileFormat.CSV, compression)), StandardCharsets.UTF_8);

        List<List<String>> records = Rfc4180.parse(text);
        assertThat(records).hasSize(SampleRows.ROWS.size() + 1);
        assertThat(records.get(0).get(0)).isEqualTo("uuid");
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(0))
                .containsExactlyElementsOf(SampleRows.ROWS.stream().map(SampleRows.Row::uuid).toList());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void jsonLinesSegmentsConcatenateIntoOneFile(Compression compression) throws IOException {
        String text = new String(decompress(compression, segments(FileFormat.JSON_LINES, compression)), StandardCharsets.UTF_8);

        assertThat(text.split("\n")).hasSize(SampleRows.ROWS.size()).allSatisfy(line -> assertThat(line).startsWith("{\"uuid\":"));
    }

    @Test
    void parquetCannotBeContinued() {
        assertThatThrownBy(() -> BatchWriters.openContinuation(FileFormat.PARQUET, Compression.NONE, SampleRows.SCHEMA,
                new ByteArrayOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Rows 0–1 in a first segment, 2–4 in a continuation, concatenated. */
    private byte[] segments(FileFormat format, Compression compression) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = SampleRows.batch(allocator, 0, 2)) {
            try (BatchWriter writer = BatchWriters.open(format, compression, SampleRows.SCHEMA, first)) {
                writer.write(root);
            }
            SampleRows.fill(root, 2, SampleRows.ROWS.size());
            try (BatchWriter writer = BatchWriters.openContinuation(format, compression, SampleRows.SCHEMA, second)) {
                writer.write(root);
            }
        }
        file.write(first.toByteArray());
        file.write(second.toByteArray());
        return file.toByteArray();
    }

    private static byte[] decompress(Compression compression, byte[] bytes) throws IOException {
        InputStream raw = new ByteArrayInputStream(bytes);
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
}
