package dev.sluice.destination.s3;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationUserException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys, all deterministic per (prefix, interval, file index):
 * {@code <prefix>/<start>_<end>/part-00000.jsonl.gz} … and, written last,
 * {@code <prefix>/<start>_<end>/manifest.json}, with times in the form {@code 20240301T100000Z}.
 *
 * <p>The prefix is a template: {@code {year}}, {@code {month}}, {@code {day}}, {@code {hour}} and
 * {@code {minute}} are those of the interval's end in UTC (zero-padded), {@code {table}} is the
 * export's model ({@code events} or {@code persons}), {@code {data_interval_start}} and
 * {@code {data_interval_end}} the ISO-8601 instants. Keys are joined with single slashes: leading,
 * trailing and repeated slashes of the prefix are dropped.
 */
final class S3Layout {

    static final String MANIFEST = "manifest.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PART = Pattern.compile("part-\\d{5,}\\..+");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final String intervalPrefix;

    private S3Layout(String intervalPrefix) {
        this.intervalPrefix = intervalPrefix;
    }

    static S3Layout of(String prefixTemplate, DataInterval interval, String table) {
        return new S3Layout(join(render(prefixTemplate, interval, table), directoryName(interval)) + "/");
    }

    /** The template with its placeholders filled in; an unknown placeholder is a user error. */
    static String render(String template, DataInterval interval, String table) {
        ZonedDateTime end = interval.end().atZone(ZoneOffset.UTC);
        Map<String, String> values = Map.of(
                "year", String.format("%04d", end.getYear()),
                "month", String.format("%02d", end.getMonthValue()),
                "day", String.format("%02d", end.getDayOfMonth()),
                "hour", String.format("%02d", end.getHour()),
                "minute", String.format("%02d", end.getMinute()),
                "table", table,
                "data_interval_start", interval.start().toString(),
                "data_interval_end", interval.end().toString());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new DestinationUserException("The S3 prefix '" + template + "' uses the unknown placeholder {" + m.group(1)
                        + "}; use {year}, {month}, {day}, {hour}, {minute}, {table}, {data_interval_start} or {data_interval_end}.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The non-empty segments of each part, joined with single slashes. */
    static String join(String... parts) {
        List<String> segments = new ArrayList<>();
        for (String part : parts) {
            for (String segment : part.replace('\\', '/').split("/+")) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
        }
        return String.join("/", segments);
    }

    /** Everything of this interval lives under this key prefix, which ends in a slash. */
    String intervalPrefix() {
        return intervalPrefix;
    }

    String partKey(int index, String extension) {
        return intervalPrefix + String.format("part-%05d.%s", index, extension);
    }

    String manifestKey() {
        return intervalPrefix + MANIFEST;
    }

    boolean isPartKey(String key) {
        return key.startsWith(intervalPrefix) && PART.matcher(key.substring(intervalPrefix.length())).matches();
    }

    static String directoryName(DataInterval interval) {
        return time(interval.start()) + "_" + time(interval.end());
    }

    private static String time(Instant t) {
        String seconds = SECONDS.format(t);
        if (t.getNano() == 0) {
            return seconds + "Z";
        }
        return seconds + "." + String.format("%09d", t.getNano()).replaceAll("0+$", "") + "Z";
    }
}
