package dev.sluice.run;

import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.util.Locale;

/** Status badges and human numbers shared by the export detail's tabs. */
final class RunBadges {

    private RunBadges() {
    }

    static Span badge(String status) {
        Span badge = new Span(label(status));
        badge.getElement().getThemeList().add("badge " + theme(status));
        badge.addClassName("status-badge");
        return badge;
    }

    /** "FailedRetryable" reads as "Failed retryable". */
    static String label(String status) {
        String spaced = status.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
        return spaced.charAt(0) + spaced.substring(1).toLowerCase(Locale.ENGLISH);
    }

    static String theme(String status) {
        return switch (status) {
            case "Completed" -> "success";
            case "Failed", "TimedOut", "Terminated", "ERROR" -> "error";
            case "Starting", "Running", "INFO" -> "";
            default -> "contrast";
        };
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ENGLISH, "%.1f %s", value, units[unit]);
    }

    /**
     * {@code "< 0.1 s"} under 100 ms, tenths of a second rounded down below one second ({@code "0.4 s"}),
     * then {@code "42 s"}, {@code "3 min 5 s"} and {@code "2 h 10 min"}; a negative duration reads as zero.
     */
    static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 100) {
            return "< 0.1 s";
        }
        if (millis < 1000) {
            return "0." + (millis / 100) + " s";
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
