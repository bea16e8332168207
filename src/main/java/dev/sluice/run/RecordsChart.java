package dev.sluice.run;

import com.vaadin.flow.component.html.Div;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Records per run as a bar chart drawn on the server: plain SVG markup, no chart library. */
final class RecordsChart extends Div {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 140;
    private static final int TOP = 16;
    private static final int BOTTOM = 22;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);

    RecordsChart(List<BatchExportRun> newestFirst, ZoneId zone) {
        addClassName("records-chart");
        List<BatchExportRun> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        getElement().setProperty("innerHTML", svg(oldestFirst, zone));
    }

    static String svg(List<BatchExportRun> oldestFirst, ZoneId zone) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' role='img' aria-label='Records per run' preserveAspectRatio='none'>");
        int plot = HEIGHT - TOP - BOTTOM;
        svg.append("<line x1='0' x2='").append(WIDTH).append("' y1='").append(TOP + plot).append("' y2='").append(TOP + plot)
                .append("' class='axis'/>");
        if (oldestFirst.isEmpty()) {
            svg.append("<text x='").append(WIDTH / 2).append("' y='").append(HEIGHT / 2)
                    .append("' text-anchor='middle' class='empty'>No runs yet</text></svg>");
            return svg.toString();
        }
        long max = Math.max(1, oldestFirst.stream().mapToLong(BatchExportRun::getRecordsCompleted).max().orElse(1));
        double slot = (double) WIDTH / oldestFirst.size();
        double barWidth = Math.min(48, Math.max(2, slot * 0.7));
        for (int i = 0; i < oldestFirst.size(); i++) {
            BatchExportRun run = oldestFirst.get(i);
            double h = run.getRecordsCompleted() == 0 ? 1 : (double) run.getRecordsCompleted() / max * plot;
            double x = i * slot + (slot - barWidth) / 2;
            svg.append(String.format(Locale.ENGLISH, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' class='bar %s'>",
                    x, TOP + plot - h, barWidth, h, run.getStatus() == RunStatus.Completed ? "ok" : "other"));
            svg.append("<title>").append(LABEL.format(run.getDataIntervalEnd().atZone(zone))).append(": ")
                    .append(run.getRecordsCompleted()).append(" records, ").append(run.getStatus()).append("</title></rect>");
        }
        svg.append("<text x='2' y='11' class='max'>").append(max).append(" records</text>");
        svg.append("<text x='0' y='").append(HEIGHT - 6).append("' class='tick'>")
                .append(LABEL.format(oldestFirst.get(0).getDataIntervalEnd().atZone(zone))).append("</text>");
        svg.append("<text x='").append(WIDTH).append("' y='").append(HEIGHT - 6).append("' text-anchor='end' class='tick'>")
                .append(LABEL.format(oldestFirst.get(oldestFirst.size() - 1).getDataIntervalEnd().atZone(zone))).append("</text>");
        return svg.append("</svg>").toString();
    }
}
