package dev.sluice.destination.files;

import dev.sluice.common.DataInterval;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names inside an export's directory, all deterministic per (interval, file index):
 * {@code <start>_<end>/part-00000.jsonl.gz} … and {@code <start>_<end>/manifest.json}, with times in
 * the file-name-safe form {@code 20240301T100000Z}.
 */
final class IntervalLayout {

    static final String MANIFEST = "manifest.json";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern PART = Pattern.compile("part-\\d{5,}\\..+");
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{32}\\.tmp");

    private IntervalLayout() {
    }

    static String directoryName(DataInterval interval) {
        return time(interval.start()) + "_" + time(interval.end());
    }

    static String partName(int index, String extension) {
        return String.format("part-%05d.%s", index, extension);
    }

    /** A hidden name beside {@code name} that this attempt alone writes to before moving it into place. */
    static String tempName(String name) {
        return "." + name + "." + UUID.randomUUID().toString().replace("-", "") + ".tmp";
    }

    static boolean isPart(String fileName) {
        return PART.matcher(fileName).matches();
    }

    static boolean isTemp(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    private static String time(Instant t) {
        String seconds = SECONDS.format(t);
        if (t.getNano() == 0) {
            return seconds + "Z";
        }
        return seconds + "." + String.format("%09d", t.getNano()).replaceAll("0+$", "") + "Z";
    }
}
