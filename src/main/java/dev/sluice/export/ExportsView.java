package dev.sluice.export;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.sluice.destination.DestinationType;
import dev.sluice.common.IntervalGrid;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectPermissions;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService.ProjectAccess;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The exports of the current project, with how each is doing. */
@Route("")
@RouteAlias("exports")
@PageTitle("Exports · Sluice")
@PermitAll
public class ExportsView extends VerticalLayout {

    private static final String NO_RUNS = "No runs yet";
    private static final int ROWS_WITHOUT_SCROLLING = 50;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm z", Locale.ENGLISH);

    /** One grid row: an export and its newest run, looked up only for the rows the grid asks for. */
    record ExportRow(BatchExport export, Optional<RunSummary> latestRun) {
    }

    private final ExportService exports;
    private final LatestRuns latestRuns;
    private final ProjectPermissions permissions;
    private final Clock clock;
    private boolean canWrite;
    private Project project;
    private Grid<ExportRow> grid;

    ExportsView(CurrentProject currentProject, ExportService exports, LatestRuns latestRuns, ProjectPermissions permissions,
                Clock clock) {
        this.exports = exports;
        this.permissions = permissions;
        this.latestRuns = latestRuns;
        this.clock = clock;
        addClassName("exports-view");
        setPadding(false);
        setSpacing(false);
        setDefaultHorizontalComponentAlignment(Alignment.STRETCH);
        currentProject.get().ifPresentOrElse(this::show, this::showNoProject);
    }

    private void show(ProjectAccess access) {
        project = access.project();
        canWrite = access.role().atLeast(ProjectRole.EDITOR);
        List<BatchExport> all = exports.list(project.getId());
        add(header("Scheduled exports of " + project.getName() + ", each interval sent to its destination once.", all.size()));
        if (all.isEmpty()) {
            add(emptyState(project.getId()));
        } else {
            grid = grid(all);
            add(grid);
        }
    }

    private Component header(String subtitle, int count) {
        H2 title = new H2("Exports");
        Span counter = new Span(String.valueOf(count));
        counter.addClassName("count");
        counter.getElement().getThemeList().add("badge contrast pill small");
        Div heading = new Div(title, counter);
        heading.addClassName("view-heading");
        Paragraph description = new Paragraph(subtitle);
        description.addClassName("view-description");
        Div text = new Div(heading, description);
        Div header = new Div(text);
        header.addClassName("view-header");
        if (canWrite) {
            Button create = new Button("New export", VaadinIcon.PLUS.create(), click -> UI.getCurrent().navigate("exports/new"));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.addClassName("new-export");
            header.add(create);
        }
        return header;
    }

    private Grid<ExportRow> grid(List<BatchExport> all) {
        Grid<ExportRow> grid = new Grid<>();
        grid.addClassName("exports-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        if (all.size() <= ROWS_WITHOUT_SCROLLING) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setHeight("70vh");
        }
        // every column but the name (with the destination below it) is as wide as its content; the name takes the rest
        grid.addComponentColumn(row -> name(row.export())).setHeader("Name").setKey("name").setFlexGrow(1).setWidth("12rem");
        grid.addColumn(row -> intervalLabel(row.export())).setHeader("Interval").setKey("interval").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(row -> status(row.export())).setHeader("Status").setKey("status").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::latestRun).setHeader("Latest run").setKey("latestRun").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> nextRunLabel(row.export())).setHeader("Next run").setKey("nextRun").setAutoWidth(true).setFlexGrow(0);
        if (canWrite) {
            grid.addComponentColumn(this::pauseToggle).setHeader("").setKey("actions").setFlexGrow(0).setAutoWidth(true);
        }
        grid.addItemClickListener(click -> UI.getCurrent().navigate("exports/" + click.getItem().export().getId()));
        load(grid, all);
        return grid;
    }

    private void load(Grid<ExportRow> grid, List<BatchExport> all) {
        grid.setItems(DataProvider.fromCallbacks(
                query -> all.stream().skip(query.getOffset()).limit(query.getLimit())
                        .map(export -> new ExportRow(export, latestRuns.latest(export.getId(), 1).stream().findFirst())),
                query -> all.size()));
    }

    /** When the scheduler starts the next run: the grid boundary after both now and the schedule cursor. */
    private String nextRunLabel(BatchExport export) {
        return nextRun(export, clock.instant()).map(next -> RUN_TIME.format(next.atZone(export.zoneId()))).orElse("—");
    }

    static Optional<Instant> nextRun(BatchExport export, Instant now) {
        if (export.isPaused()) {
            return Optional.empty();
        }
        IntervalGrid intervals = new IntervalGrid(export.getInterval(), export.zoneId(), export.getIntervalOffset());
        Instant cursor = export.getScheduleCursor();
        Instant from = cursor != null && cursor.isAfter(now) ? cursor : now;
        Instant next = intervals.next(from);
        if (export.getEndAt() != null && next.isAfter(export.getEndAt())) {
            return Optional.empty();
        }
        if (export.getStartAt() != null && next.isBefore(export.getStartAt())) {
            next = intervals.ceil(export.getStartAt());
        }
        return Optional.of(next);
    }

    private Component pauseToggle(ExportRow row) {
        BatchExport export = row.export();
        Button toggle = new Button(export.isPaused() ? "Unpause" : "Pause",
                (export.isPaused() ? VaadinIcon.PLAY : VaadinIcon.PAUSE).create());
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        toggle.addClassName("pause-toggle");
        toggle.addClickListener(click -> {
            try {
                permissions.requireEditor(project.getId());
                if (export.isPaused()) {
                    exports.unpause(project.getId(), export.getId(), false);
                    notify(export.getName() + " is active again.", NotificationVariant.LUMO_SUCCESS);
                } else {
                    exports.pause(project.getId(), export.getId());
                    notify(export.getName() + " is paused.", NotificationVariant.LUMO_SUCCESS);
                }
            } catch (RuntimeException e) {
                notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            }
            load(grid, exports.list(project.getId()));
        });
        return toggle;
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 4000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }

    private static Component name(BatchExport export) {
        Span name = new Span(export.getName());
        name.addClassName("export-name");
        name.setTitle(export.getName());
        Div cell = new Div(name, destination(export.getDestination().getType()));
        cell.addClassName("export-name-cell");
        return cell;
    }

    private static Component destination(DestinationType type) {
        Icon icon = switch (type) {
            case FILES -> VaadinIcon.FOLDER_O.create();
            case S3 -> VaadinIcon.CLOUD_O.create();
            case HTTP -> VaadinIcon.GLOBE_WIRE.create();
            case POSTGRES, REDSHIFT, SNOWFLAKE, BIGQUERY -> VaadinIcon.DATABASE.create();
        };
        icon.addClassName("destination-icon");
        Span destination = new Span(icon, new Span(type.apiValue()));
        destination.addClassName("destination");
        return destination;
    }

    /** "every 5 minutes" stays as it is; "hour", "day" and "week" read as "Every hour" and so on. */
    private static String intervalLabel(BatchExport export) {
        String value = export.getInterval().apiValue();
        String phrase = value.startsWith("every ") ? value : "every " + value;
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static String statusLabel(BatchExport export) {
        return export.isPaused() ? "Paused" : "Active";
    }

    private static Component status(BatchExport export) {
        Span badge = new Span(statusLabel(export));
        badge.addClassName("export-status");
        badge.getElement().getThemeList().add(export.isPaused() ? "badge contrast" : "badge success");
        return badge;
    }

    private Component latestRun(ExportRow row) {
        if (row.latestRun().isEmpty()) {
            Span none = new Span(NO_RUNS);
            none.addClassName("no-runs");
            return none;
        }
        RunSummary run = row.latestRun().get();
        Span badge = new Span(runStatusLabel(run.status()));
        badge.getElement().getThemeList().add("badge " + runStatusTheme(run.status()));
        ZoneId zone = row.export().zoneId();
        Span when = new Span(RUN_TIME.format(run.dataIntervalEnd().atZone(zone)));
        when.addClassName("run-interval");
        when.setTitle("Data interval " + RUN_TIME.format(run.dataIntervalStart().atZone(zone)) + " – "
                + RUN_TIME.format(run.dataIntervalEnd().atZone(zone)));
        Span latest = new Span(badge, when);
        latest.addClassName("latest-run");
        return latest;
    }

    /** "FailedRetryable" reads as "Failed retryable". */
    private static String runStatusLabel(String status) {
        String spaced = status.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
        return spaced.charAt(0) + spaced.substring(1).toLowerCase(Locale.ENGLISH);
    }

    private static String runStatusTheme(String status) {
        return switch (status) {
            case "Completed" -> "success";
            case "Failed", "TimedOut", "Terminated" -> "error";
            case "Starting", "Running" -> "";
            default -> "contrast";
        };
    }

    private Component emptyState(UUID projectId) {
        H3 title = new H3("No exports yet");
        Paragraph text = new Paragraph(canWrite
                ? "Create the first one with New export above, or through the API:"
                : "An editor of this project can create one here or through the API:");
        Pre request = new Pre("POST /api/projects/" + projectId + "/batch_exports");
        request.addClassName("api-call");
        Div empty = new Div(emptyStateIcon(VaadinIcon.UPLOAD_ALT), title, text, request);
        empty.addClassName("empty-state");
        return empty;
    }

    private static Component emptyStateIcon(VaadinIcon icon) {
        Div circle = new Div(icon.create());
        circle.addClassName("empty-state-icon");
        return circle;
    }

    private void showNoProject() {
        H3 title = new H3("You are not in any project yet");
        Paragraph text = new Paragraph("Ask an admin of this Sluice instance to add you to a project.");
        Div empty = new Div(emptyStateIcon(VaadinIcon.FOLDER_O), title, text);
        empty.addClassName("empty-state");
        add(empty);
    }
}
