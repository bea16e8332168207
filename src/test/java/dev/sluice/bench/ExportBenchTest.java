package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportBenchTest {

    private static final List<String> KEYS = List.of("rows", "export_rows_per_s", "export_mb_per_s", "scan_rows_per_s",
            "naive_rows_per_s", "ratio_vs_scan", "ratio_vs_naive", "jsonl_gzip_rows_per_s", "peak_heap_mb", "peak_heap_after_gc_mb");

    @TempDir
    Path dir;

    @Test
    void theBenchmarkEndsWithOneJsonLineOfEveryFigureAndExportsEveryLoadedRow() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ExportBench.run(ExportBench.Options.parse("--rows", "2000", "--batch-rows", "300", "--keep", "--compare-reads", "--dir", dir.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(figures.properties()).extracting(e -> e.getKey()).containsAll(KEYS);
        KEYS.forEach(key -> assertThat(figures.get(key).isNumber()).as(key).isTrue());
        assertThat(figures.get("rows").asLong()).isEqualTo(2000);
        assertThat(figures.get("export_rows").asLong()).isEqualTo(2000);
        assertThat(figures.get("naive_rows").asLong()).isEqualTo(2000);
        assertThat(lines).anyMatch(line -> line.startsWith("export Parquet+zstd"));
        assertThat(parquetRows(only(dir.resolve("exports/parquet"), ".parquet"))).isEqualTo(2000);
        assertThat(gzipLines(only(dir.resolve("exports/jsonl"), ".jsonl.gz"))).isEqualTo(2000);
        assertThat(gzipLines(dir.resolve("naive.jsonl.gz"))).isEqualTo(2000);
    }

    private static Path only(Path root, String suffix) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    private static long parquetRows(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        }
    }

    private static long gzipLines(Path file) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return reader.lines().count();
        }
    }
}
