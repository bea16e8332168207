package dev.sluice.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.sluice.common.Toasts;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectPermissions;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService.ProjectAccess;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The current project's audit log for its ADMINs: newest first, loaded page by page as the grid
 * scrolls, filtered by action. Anyone else is sent back to the exports list, and every page load
 * checks the role again.
 */
@Route("audit")
@PageTitle("Audit log · Sluice")
@PermitAll
public class AuditLogView extends Div implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> RESOURCE_NAMES = Map.of("batch_export", "Export", "batch_export_run", "Run",
            AccessChangesAudit.MEMBER, "Member", AccessChangesAudit.PERSONAL_API_KEY, "API key");

    private final CurrentProject currentProject;
    private final ProjectPermissions permissions;
    private final AuditLog auditLog;
    private final Select<String> action = new Select<>();
    private final Grid<AuditEntry> grid = new Grid<>();
    private Project project;

    AuditLogView(CurrentProject currentProject, ProjectPermissions permissions, AuditLog auditLog) {
        this.currentProject = currentProject;
        this.permissions = permissions;
        this.auditLog = auditLog;
        addClassName("audit-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<ProjectAccess> access = currentProject.get();
        if (access.isEmpty() || access.get().role() != ProjectRole.ADMIN) {
            Toasts.error(new IllegalStateException("The audit log is for the project's ADMINs"
                    + access.map(a -> "; you are " + a.role() + " in " + a.project().getName()).orElse("") + "."));
            event.forwardTo("");
            return;
        }
        project = access.get().project();
        removeAll();
        add(header(), toolbar(), grid());
    }

    private Component header() {
        H2 title = new H2("Audit log");
        Paragraph description = new Paragraph("Who changed what in " + project.getName() + ", newest first.");
        description.addClassName("view-description");
        Div header = new Div(title, description);
        header.addClassName("view-header-text");
        return header;
    }

    private Component toolbar() {
        action.setId("audit-action");
        action.setLabel("Action");
        action.setItems(AuditLog.ACTIONS);
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("All actions");
        action.setItemLabelGenerator(AuditLogView::actionLabel);
        action.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        Div toolbar = new Div(action);
        toolbar.addClassName("inline-form");
        return toolbar;
    }

    private Grid<AuditEntry> grid() {
        grid.addClassName("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("65vh");
        grid.addColumn(entry -> TIME.format(entry.timestamp())).setHeader("Time").setKey("time").setFlexGrow(2);
        grid.addColumn(AuditEntry::user).setHeader("Who").setKey("who").setFlexGrow(3);
        grid.addComponentColumn(entry -> badge(entry.action())).setHeader("Action").setKey("action").setFlexGrow(2);
        grid.addColumn(AuditLogView::target).setHeader("Target").setKey("target").setFlexGrow(2);
        grid.addColumn(entry -> entry.detail() == null ? "" : entry.detail()).setHeader("Details").setKey("details").setFlexGrow(4);
        grid.setEmptyStateText("Nothing recorded yet.");
        grid.setItems(query -> {
            permissions.requireAdmin(project.getId());
            return auditLog.page(project.getId(), action.getValue(), query.getOffset(), query.getLimit()).stream();
        }, query -> {
            permissions.requireAdmin(project.getId());
            return auditLog.count(project.getId(), action.getValue());
        });
        return grid;
    }

    private static Component badge(String action) {
        Span badge = new Span(actionLabel(action));
        String theme = action.endsWith("deleted") || action.endsWith("removed") || action.endsWith("revoked") ? "badge error small"
                : action.endsWith("created") || action.endsWith("added") ? "badge success small" : "badge small";
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    /** {@code member_added} → "Member added"; no action → "All actions". */
    static String actionLabel(String action) {
        if (action == null) {
            return "All actions";
        }
        String words = action.replace("api_key", "API key").replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The kind of thing and the start of its id, e.g. "Export 3f2a9c1e". */
    static String target(AuditEntry entry) {
        String id = entry.resourceId();
        return RESOURCE_NAMES.getOrDefault(entry.resourceType(), entry.resourceType()) + " "
                + (id.length() > 8 ? id.substring(0, 8) : id);
    }
}
