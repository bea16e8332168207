package dev.sluice.export;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.DataInterval;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Shows an {@link ExportPreview}: a progress bar while it loads, then "N rows in &lt;interval&gt;"
 * and a grid of the first rows with the preview's own columns. Used by the export form and the
 * export detail; the caller starts the preview, this panel only waits for it and draws it.
 */
public class PreviewPanel extends Div {

    static final int LOADING_POLL_MILLIS = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    private final ProgressBar progress = new ProgressBar();
    private final Span loading = new Span("Reading the last complete interval…");
    private final Span summary = new Span();
    private final Grid<List<String>> grid = new Grid<>();
    /** Previews started so far: only the latest one is drawn when several overlap. */
    private int started;
    private int pollBeforeLoading = -1;

    public PreviewPanel() {
        addClassName("preview-panel");
        progress.setIndeterminate(true);
        progress.addClassName("preview-progress");
        loading.addClassName("preview-loading");
        summary.addClassName("preview-summary");
        grid.addClassName("preview-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No rows in this interval.");
        Div loadingRow = new Div(loading, progress);
        loadingRow.addClassName("preview-loading-row");
        add(loadingRow, summary, grid);
        showLoading(false);
        summary.setVisible(false);
        grid.setVisible(false);
    }

    /**
     * Waits for {@code pending} without blocking the UI: shows progress and polls until it is done,
     * then draws the rows; a preview started meanwhile replaces it. A {@code BadRequestException} goes to {@code onBadRequest} (so a form can
     * mark the field), any other failure becomes a notification sentence.
     */
    public void show(CompletableFuture<ExportPreview.Result> pending, ZoneId zone, Consumer<BadRequestException> onBadRequest) {
        UI ui = UI.getCurrent();
        if (!isLoading()) {
            pollBeforeLoading = ui.getPollInterval();
            ui.setPollInterval(LOADING_POLL_MILLIS);
        }
        int generation = ++started;
        showLoading(true);
        pending.whenComplete((result, failure) -> {
            try {
                ui.access(() -> {
                    if (generation != started) {
                        return;
                    }
                    ui.setPollInterval(pollBeforeLoading);
                    showLoading(false);
                    if (failure == null) {
                        draw(result, zone);
                    } else {
                        fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure, onBadRequest);
                    }
                });
            } catch (UIDetachedException closed) {
                // the person left the page; nobody waits for this preview any more
            }
        });
    }

    private void draw(ExportPreview.Result result, ZoneId zone) {
        grid.removeAllColumns();
        List<String> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            grid.addColumn(row -> row.get(column) == null ? "" : row.get(column)).setHeader(columns.get(i)).setKey(columns.get(i))
                    .setResizable(true).setAutoWidth(true).setTooltipGenerator(row -> row.get(column));
        }
        grid.setItems(result.rows());
        summary.setText(summaryOf(result, zone));
        summary.setVisible(true);
        grid.setVisible(true);
    }

    /** "1,234 rows in Jan 1, 2026 00:00 – Jan 2, 2026 00:00 (UTC); showing the first 20". */
    static String summaryOf(ExportPreview.Result result, ZoneId zone) {
        DataInterval interval = result.interval();
        String in = TIME.format(interval.start().atZone(zone)) + " – " + TIME.format(interval.end().atZone(zone)) + " (" + zone.getId() + ")";
        String rows = String.format(Locale.ENGLISH, "%,d %s in %s", result.count(), result.count() == 1 ? "row" : "rows", in);
        if (result.count() == 0) {
            return rows + "; the export would write nothing for it";
        }
        return rows + (result.count() > result.rows().size() ? "; showing the first " + result.rows().size() : "; showing all of them");
    }

    private void fail(Throwable failure, Consumer<BadRequestException> onBadRequest) {
        summary.setVisible(false);
        grid.setVisible(false);
        if (failure instanceof BadRequestException bad) {
            onBadRequest.accept(bad);
            return;
        }
        String message = failure.getMessage() == null ? "The preview failed (" + failure.getClass().getSimpleName() + ")." : failure.getMessage();
        Notification notification = Notification.show("The preview failed: " + message, 8000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private void showLoading(boolean on) {
        progress.setVisible(on);
        loading.setVisible(on);
    }

    public boolean isLoading() {
        return progress.isVisible();
    }

    public Grid<List<String>> grid() {
        return grid;
    }

    public String summary() {
        return summary.isVisible() ? summary.getText() : "";
    }
}
