package dev.sluice.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.sluice.common.PageHeader;
import dev.sluice.project.AdminOnly;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectPermissions;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The current project's audit log for its ADMINs: newest first, loaded page by page as the grid
 * scrolls, filtered by action. Anyone else is sent back to the exports list, and every page load
 * checks the role again.
 */
@Route("audit")
@PageTitle("Audit log · Sluice")
@PermitAll
public class AuditLogView extends Div implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH)
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
        AdminOnly.enter(currentProject, event, "The audit log").ifPresent(admined -> {
            project = admined;
            removeAll();
            add(PageHeader.of("Audit log", "Who changed what in " + project.getName() + ", newest first."), toolbar(), grid());
        });
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
        grid.addColumn(entry -> TIME.format(entry.timestamp())).setHeader("Time (UTC)").setKey("time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::user).setHeader("Who").setKey("who").setFlexGrow(3);
        grid.addComponentColumn(entry -> badge(entry.action())).setHeader("Action").setKey("action").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditLogView::target).setHeader("Target").setKey("target").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(entry -> entry.detail() == null ? "" : entry.detail()).setHeader("Details").setKey("details").setFlexGrow(5)
                .setTooltipGenerator(entry -> entry.detail() == null ? "" : entry.detail());
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
