package dev.sluice.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.destination.Destination;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real destination the fault-injection suite writes to — a directory, a PostgreSQL table, an S3
 * bucket — and reads back on its own, without Sluice's code, to count what arrived.
 */
interface FaultTarget {

    /** Parts of at most about 20 kB, so a few thousand rows make several checkpoints. */
    double MAX_FILE_SIZE_MB = 0.02;

    Destination destination();

    /** A config for a place of its own on this target: a fresh directory, table or bucket. */
    Map<String, Object> newPlace();

    /** The {@code uuid} of every row the export left at the config's place, duplicates kept. */
    List<String> uuids(Map<String, Object> config);


    /** Stops the server behind the target; not {@code close()}, which JUnit would call after every parameterized test. */
    void stop();

    /** The {@code uuid} of each JSON line read from {@code reader}. */
    static List<String> uuidsOfJsonLines(BufferedReader reader) {
        ObjectMapper json = new ObjectMapper();
        List<String> uuids = new ArrayList<>();
        try (reader) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    uuids.add(json.readTree(line).get("uuid").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uuids;
    }
}
