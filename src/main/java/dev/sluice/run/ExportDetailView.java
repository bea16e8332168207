package dev.sluice.run;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.sluice.common.NotFoundException;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportPreview;
import dev.sluice.export.ExportService;
import dev.sluice.export.PreviewPanel;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.ProjectPermissions;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService.ProjectAccess;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One export: its header actions (Pause/Unpause, Backfill, Edit, Delete), a chart of records per
 * run, and the tabs Runs, Backfills, Logs, Configuration and Preview. Lives in {@code run} because it shows
 * runs, backfills and logs; the export module stays below it.
 */
@Route("exports/:exportId([0-9a-fA-F-]{36})")
@PageTitle("Export · Sluice")
@PermitAll
public class ExportDetailView extends VerticalLayout implements BeforeEnterObserver {

    static final int POLL_MILLIS = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);

    private final CurrentProject currentProject;
    private final ExportService exports;
    private final RunService runs;
    private final BackfillService backfills;
    private final RunLogService logs;
    private final DestinationConfigs configs;
    private final ProjectPermissions permissions;
    private final ExportPreview preview;
    private final Clock clock;

    private BatchExport export;
    private boolean canWrite;
    private final Grid<BatchExportRun> runGrid = new Grid<>();
    private final Grid<Backfill> backfillGrid = new Grid<>();
    private final Grid<RunLog> logGrid = new Grid<>();
    private final Select<RunStatus> statusFilter = new Select<>();
    private final Select<String> levelFilter = new Select<>();
    private final TextField logSearch = new TextField();
    private final ComboBox<BatchExportRun> runFilter = new ComboBox<>();
    private final TabSheet tabs = new TabSheet();
    private final PreviewPanel previewPanel = new PreviewPanel();
    private Tab previewTab;
    private Registration polling;

    ExportDetailView(CurrentProject currentProject, ExportService exports, RunService runs, BackfillService backfills,
                     RunLogService logs, DestinationConfigs configs, ProjectPermissions permissions, ExportPreview preview,
                     Clock clock) {
        this.currentProject = currentProject;
        this.exports = exports;
        this.runs = runs;
        this.backfills = backfills;
        this.logs = logs;
        this.configs = configs;
        this.permissions = permissions;
        this.preview = preview;
        this.clock = clock;
        addClassName("export-detail-view");
        setPadding(false);
        setDefaultHorizontalComponentAlignment(Alignment.STRETCH);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<ProjectAccess> access = currentProject.get();
        String id = event.getRouteParameters().get("exportId").orElse("");
        try {
            if (access.isEmpty()) {
                throw new NotFoundException("No project.");
            }
            export = exports.get(access.get().project().getId(), UUID.fromString(id));
        } catch (IllegalArgumentException | NotFoundException e) {
            Div empty = new Div(new H3("Export not found"), new Paragraph("There is no export " + id + " in this project."));
            empty.addClassName("empty-state");
            add(empty);
            return;
        }
        canWrite = access.get().role().atLeast(ProjectRole.EDITOR);
        build();
    }

    private void build() {
        add(header(), new RecordsChart(runs.list(export.getId(), null, null, 40), export.zoneId()), tabs);
        tabs.addClassName("export-tabs");
        tabs.add("Runs", runsTab());
        tabs.add("Backfills", backfillsTab());
        tabs.add("Logs", logsTab());
        tabs.add("Configuration", configurationTab());
        previewTab = tabs.add("Preview", previewTab());
        tabs.addSelectedChangeListener(change -> {
            if (change.getSelectedTab() == previewTab && previewPanel.grid().getColumns().isEmpty() && !previewPanel.isLoading()) {
                loadPreview();
            }
        });
    }

    // ---------- header ----------

    private Component header() {
        H2 title = new H2(export.getName());
        Span status = new Span(export.isPaused() ? "Paused" : "Active");
        status.getElement().getThemeList().add(export.isPaused() ? "badge contrast" : "badge success");
        status.addClassName("export-status");
        Div heading = new Div(title, status);
        heading.addClassName("view-heading");
        Paragraph subtitle = new Paragraph(export.getDestination().getType().apiValue() + " · "
                + intervalLabel(export.getInterval().apiValue()) + " · " + export.getTimezone() + " · " + export.getModel().apiValue());
        subtitle.addClassName("view-description");
        Div text = new Div(heading, subtitle);
        Div header = new Div(text);
        header.addClassName("view-header");
        if (canWrite) {
            Button pause = new Button(export.isPaused() ? "Unpause" : "Pause",
                    (export.isPaused() ? VaadinIcon.PLAY : VaadinIcon.PAUSE).create(), click -> togglePause());
            pause.setId("pause-toggle");
            Button backfill = new Button("Backfill", VaadinIcon.TIME_BACKWARD.create(), click -> openBackfillDialog());
            backfill.setId("open-backfill");
            backfill.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button edit = new Button("Edit", VaadinIcon.EDIT.create(), click -> UI.getCurrent().navigate("exports/" + export.getId() + "/edit"));
            edit.setId("edit-export");
            Button delete = new Button("Delete", VaadinIcon.TRASH.create(), click -> confirmDelete());
            delete.setId("delete-export");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            Div actions = new Div(pause, backfill, edit, delete);
            actions.addClassName("header-actions");
            header.add(actions);
        }
        return header;
    }

    private void togglePause() {
        if (!export.isPaused()) {
            act(() -> exports.pause(export.getProjectId(), export.getId()), export.getName() + " is paused.");
            reload();
            return;
        }
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Unpause " + export.getName() + "?");
        dialog.setText("Runs start again from the next interval. Intervals that ended while the export was paused"
                + (export.getLastPausedAt() == null ? "" : " (since " + TIME.format(export.getLastPausedAt().atZone(export.zoneId())) + ")")
                + " can be backfilled now.");
        dialog.setConfirmText("Unpause and backfill the gap");
        dialog.addConfirmListener(e -> {
            act(() -> exports.unpause(export.getProjectId(), export.getId(), true), export.getName() + " is active; the paused gap is being backfilled.");
            reload();
        });
        dialog.setRejectable(true);
        dialog.setRejectText("Unpause only");
        dialog.addRejectListener(e -> {
            act(() -> exports.unpause(export.getProjectId(), export.getId(), false), export.getName() + " is active again.");
            reload();
        });
        dialog.setCancelable(true);
        dialog.open();
    }

    private void confirmDelete() {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + export.getName() + "?");
        dialog.setText("The export \"" + export.getName() + "\" stops and disappears from the list. Files and tables it wrote stay where they are.");
        dialog.setConfirmText("Delete");
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.addConfirmListener(e -> {
            if (act(() -> exports.delete(export.getProjectId(), export.getId()), "Deleted " + export.getName() + ".")) {
                UI.getCurrent().navigate("exports");
            }
        });
        dialog.open();
    }

    private void openBackfillDialog() {
        new BackfillDialog(backfills, export, clock, backfill -> {
            notify("Backfill started: " + backfill.getTotalRuns() + (backfill.getTotalRuns() == 1 ? " run." : " runs."),
                    NotificationVariant.LUMO_SUCCESS);
            tabs.setSelectedIndex(1);
            backfillGrid.getDataProvider().refreshAll();
        }).open();
    }

    private void reload() {
        UI.getCurrent().refreshCurrentRoute(false);
    }

    // ---------- runs ----------

    private Component runsTab() {
        statusFilter.setLabel("Status");
        statusFilter.setItems(RunStatus.values());
        statusFilter.setEmptySelectionAllowed(true);
        statusFilter.setEmptySelectionCaption("All statuses");
        statusFilter.setItemLabelGenerator(status -> status == null ? "All statuses" : RunBadges.label(status.name()));
        statusFilter.setId("run-status-filter");
        statusFilter.addValueChangeListener(change -> runGrid.getDataProvider().refreshAll());

        runGrid.addClassName("runs-grid");
        runGrid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        runGrid.addColumn(run -> time(run.getDataIntervalStart())).setHeader("Interval start").setKey("start").setAutoWidth(true);
        runGrid.addColumn(run -> time(run.getDataIntervalEnd())).setHeader("Interval end").setKey("end").setAutoWidth(true);
        runGrid.addComponentColumn(run -> RunBadges.badge(run.getStatus().name())).setHeader("Status").setKey("status").setAutoWidth(true);
        runGrid.addColumn(run -> String.format(Locale.ENGLISH, "%,d", run.getRecordsCompleted())).setHeader("Records").setKey("records");
        runGrid.addColumn(run -> RunBadges.bytes(run.getBytesExported())).setHeader("Bytes").setKey("bytes");
        runGrid.addColumn(run -> run.getFinishedAt() == null ? "—"
                : RunBadges.duration(Duration.between(run.getCreatedAt(), run.getFinishedAt()))).setHeader("Duration").setKey("duration");
        runGrid.addColumn(run -> run.getLatestError() == null ? "" : firstLine(run.getLatestError()))
                .setHeader("Error").setKey("error").setFlexGrow(3).setTooltipGenerator(BatchExportRun::getLatestError);
        if (canWrite) {
            runGrid.addComponentColumn(this::runActions).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        runGrid.setItems(query -> runs.list(export.getId(), statusFilter.getValue(), null, query.getOffset() + query.getLimit())
                .stream().skip(query.getOffset()));
        runGrid.setEmptyStateText("No runs yet. The first one starts when an interval ends, or start a backfill.");
        Div toolbar = new Div(statusFilter);
        toolbar.addClassName("tab-toolbar");
        return tab(toolbar, runGrid);
    }

    private Component runActions(BatchExportRun run) {
        Div actions = new Div();
        if (run.getStatus().isFinal()) {
            Button retry = new Button("Retry", VaadinIcon.REFRESH.create(), click -> {
                if (act(() -> runs.retry(export.getId(), run.getId()), "Retrying the interval ending " + time(run.getDataIntervalEnd()) + ".")) {
                    runGrid.getDataProvider().refreshAll();
                }
            });
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(retry);
        } else {
            Button cancel = new Button("Cancel", VaadinIcon.CLOSE_SMALL.create(), click -> {
                if (act(() -> runs.cancel(export.getId(), run.getId()), "Cancelling the run.")) {
                    runGrid.getDataProvider().refreshAll();
                }
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        return actions;
    }

    // ---------- backfills ----------

    private Component backfillsTab() {
        backfillGrid.addClassName("backfills-grid");
        backfillGrid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        backfillGrid.addColumn(b -> time(b.getStartAt())).setHeader("Start").setKey("start").setAutoWidth(true);
        backfillGrid.addColumn(b -> time(b.getEndAt())).setHeader("End").setKey("end").setAutoWidth(true);
        backfillGrid.addComponentColumn(b -> RunBadges.badge(b.getStatus().name())).setHeader("Status").setKey("status").setAutoWidth(true);
        backfillGrid.addComponentColumn(this::progress).setHeader("Progress").setKey("progress").setFlexGrow(2);
        backfillGrid.addColumn(b -> time(b.getCreatedAt())).setHeader("Requested").setKey("created").setAutoWidth(true);
        if (canWrite) {
            backfillGrid.addComponentColumn(this::backfillActions).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        backfillGrid.setItems(query -> backfills.list(export.getProjectId(), export.getId()).stream()
                .skip(query.getOffset()).limit(query.getLimit()));
        backfillGrid.setEmptyStateText("No backfills yet. Use Backfill to export past intervals.");
        return tab(backfillGrid);
    }

    private Component progress(Backfill backfill) {
        ProgressBar bar = new ProgressBar(0, Math.max(1, backfill.getTotalRuns()), backfill.getFinishedRuns());
        bar.addClassName("backfill-bar");
        Span count = new Span(backfill.getFinishedRuns() + " / " + backfill.getTotalRuns());
        count.addClassName("backfill-count");
        Div progress = new Div(bar, count);
        progress.addClassName("backfill-progress");
        return progress;
    }

    private Component backfillActions(Backfill backfill) {
        Div actions = new Div();
        if (!backfill.getStatus().isFinal()) {
            Button cancel = new Button("Cancel", VaadinIcon.CLOSE_SMALL.create(), click -> {
                if (act(() -> backfills.cancel(export.getProjectId(), export.getId(), backfill.getId()), "Cancelling the backfill.")) {
                    backfillGrid.getDataProvider().refreshAll();
                }
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        return actions;
    }

    // ---------- logs ----------

    private Component logsTab() {
        levelFilter.setLabel("Level");
        levelFilter.setItems("", "DEBUG", "INFO", "WARN", "ERROR");
        levelFilter.setItemLabelGenerator(level -> level.isEmpty() ? "All levels" : level);
        levelFilter.setValue("");
        levelFilter.setId("log-level");
        logSearch.setLabel("Search");
        logSearch.setPlaceholder("Text in the message");
        logSearch.setPrefixComponent(VaadinIcon.SEARCH.create());
        logSearch.setValueChangeMode(ValueChangeMode.LAZY);
        logSearch.setClearButtonVisible(true);
        logSearch.setId("log-search");
        runFilter.setLabel("Run");
        runFilter.setPlaceholder("All runs");
        runFilter.setClearButtonVisible(true);
        runFilter.setItems(runs.list(export.getId(), null, null, 200));
        runFilter.setItemLabelGenerator(run -> time(run.getDataIntervalStart()) + " – " + time(run.getDataIntervalEnd()));
        runFilter.setId("log-run");
        levelFilter.addValueChangeListener(change -> logGrid.getDataProvider().refreshAll());
        logSearch.addValueChangeListener(change -> logGrid.getDataProvider().refreshAll());
        runFilter.addValueChangeListener(change -> logGrid.getDataProvider().refreshAll());

        logGrid.addClassName("logs-grid");
        logGrid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        logGrid.addColumn(log -> LOG_TIME.format(log.getTimestamp().atZone(export.zoneId()))).setHeader("Time").setKey("time")
                .setAutoWidth(true).setFlexGrow(0);
        logGrid.addComponentColumn(log -> RunBadges.badge(log.getLevel())).setHeader("Level").setKey("level").setAutoWidth(true).setFlexGrow(0);
        logGrid.addColumn(RunLog::getMessage).setHeader("Message").setKey("message").setFlexGrow(1);
        logGrid.setItems(query -> logs.search(export.getId(), levelFilter.getValue(), logSearch.getValue(),
                runFilter.getValue() == null ? null : runFilter.getValue().getId(), query.getOffset() + query.getLimit())
                .stream().skip(query.getOffset()));
        logGrid.setEmptyStateText("No log lines match.");
        Div toolbar = new Div(levelFilter, logSearch, runFilter);
        toolbar.addClassName("tab-toolbar");
        return tab(toolbar, logGrid);
    }

    // ---------- configuration ----------

    private Component configurationTab() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Destination", export.getDestination().getType().apiValue());
        configs.redacted(export.getDestination()).forEach((key, value) -> rows.put(key, String.valueOf(value)));
        export.getDestination().getType().secretKeys().forEach(key -> rows.putIfAbsent(key, "•••• (write-only)"));
        rows.put("Interval", intervalLabel(export.getInterval().apiValue()));
        rows.put("Offset", (export.getIntervalOffset() / 60) + " minutes");
        rows.put("Time zone", export.getTimezone());
        rows.put("Model", export.getModel().apiValue());
        rows.put("Fields", export.getSchema() == null ? "The model's default fields" : export.getSchema().fields().stream()
                .map(f -> f.alias() == null ? f.expression() : f.expression() + " as " + f.alias()).collect(Collectors.joining(", ")));
        rows.put("Filters", export.getFilters() == null ? "None" : filters());
        rows.put("Created", time(export.getCreatedAt()));
        rows.put("Last updated", time(export.getLastUpdatedAt()));
        if (export.isPaused() && export.getLastPausedAt() != null) {
            rows.put("Paused since", time(export.getLastPausedAt()));
        }
        Div list = new Div();
        list.addClassName("config-summary");
        rows.forEach((key, value) -> {
            Span k = new Span(key);
            k.addClassName("config-key");
            Span v = new Span(value);
            v.addClassName("config-value");
            list.add(k, v);
        });
        return tab(list);
    }

    private String filters() {
        var f = export.getFilters();
        StringBuilder text = new StringBuilder();
        if (f.includeEvents() != null) {
            text.append("only ").append(String.join(", ", f.includeEvents())).append("; ");
        }
        if (f.excludeEvents() != null) {
            text.append("not ").append(String.join(", ", f.excludeEvents())).append("; ");
        }
        if (f.properties() != null) {
            f.properties().forEach(p -> text.append(p.key()).append(' ').append(p.operator())
                    .append(p.value() == null ? "" : " " + p.value()).append("; "));
        }
        return text.isEmpty() ? "None" : text.substring(0, text.length() - 2);
    }

    // ---------- preview ----------

    private Component previewTab() {
        Paragraph about = new Paragraph("The first " + ExportPreview.ROWS + " rows this export would write for its last complete"
                + " interval, read with its fields and filters. Nothing is sent to the destination.");
        about.addClassName("view-description");
        Button refresh = new Button("Refresh preview", VaadinIcon.REFRESH.create(), click -> loadPreview());
        refresh.setId("refresh-preview");
        Div toolbar = new Div(about, refresh);
        toolbar.addClassName("tab-toolbar");
        previewPanel.setId("export-preview");
        return tab(toolbar, previewPanel);
    }

    /** Starts reading the preview; the panel shows progress, then the rows or a sentence on what failed. */
    void loadPreview() {
        try {
            permissions.requireViewer(export.getProjectId());
        } catch (RuntimeException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            return;
        }
        previewPanel.show(preview.ofSavedLater(export.getProjectId(), export.getId()), export.zoneId(),
                bad -> notify("The preview failed: " + bad.getMessage(), NotificationVariant.LUMO_ERROR));
    }

    // ---------- refresh ----------

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (export == null) {
            return;
        }
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(poll -> refreshVisibleTab());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
            event.getUI().setPollInterval(-1);
        }
        super.onDetach(event);
    }

    /** What a poll does: reload the grid of the tab in view, so running runs and backfills move on. */
    void refreshVisibleTab() {
        switch (tabs.getSelectedIndex()) {
            case 0 -> runGrid.getDataProvider().refreshAll();
            case 1 -> backfillGrid.getDataProvider().refreshAll();
            case 2 -> logGrid.getDataProvider().refreshAll();
            default -> {
            }
        }
    }

    // ---------- helpers ----------

    private boolean act(Runnable action, String done) {
        try {
            permissions.requireEditor(export.getProjectId());
            action.run();
            notify(done, NotificationVariant.LUMO_SUCCESS);
            return true;
        } catch (RuntimeException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    private static Component tab(Component... components) {
        VerticalLayout tab = new VerticalLayout(components);
        tab.setPadding(false);
        tab.setDefaultHorizontalComponentAlignment(Alignment.STRETCH);
        return tab;
    }

    private String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(export.zoneId()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String intervalLabel(String value) {
        String phrase = value.startsWith("every ") ? value : "every " + value;
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 5000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }

    Grid<BatchExportRun> runGrid() {
        return runGrid;
    }

    Grid<Backfill> backfillGrid() {
        return backfillGrid;
    }

    PreviewPanel previewPanel() {
        return previewPanel;
    }

    Grid<RunLog> logGrid() {
        return logGrid;
    }
}
