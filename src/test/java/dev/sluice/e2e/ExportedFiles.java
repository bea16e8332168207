package dev.sluice.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads every gzip'd JSON-lines file a Files export wrote, independently of Sluice's own code. */
public final class ExportedFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportedFiles() {
    }

    /** The {@code uuid} of every exported row, in file order, duplicates kept. */
    public static List<String> uuidsUnder(Path dir) {
        return rowsUnder(dir).stream().map(row -> row.get("uuid").asText()).toList();
    }

    /** Every exported row, in file order, duplicates kept. */
    public static List<JsonNode> rowsUnder(Path dir) {
        List<JsonNode> uuids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return uuids;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            uuids.add(JSON.readTree(line));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uuids;
    }
}
