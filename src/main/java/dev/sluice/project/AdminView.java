package dev.sluice.project;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.PageHeader;
import dev.sluice.common.PermissionDeniedException;
import dev.sluice.common.Toasts;
import dev.sluice.security.PersonalApiKeysPanel;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Project ADMINs manage the current project's members here (add by email, change a role, remove)
 * and their own personal API keys. Anyone else is sent back to the exports list; the services
 * refuse them anyway.
 */
@Route("admin")
@PageTitle("Admin · Sluice")
@PermitAll
public class AdminView extends Div implements BeforeEnterObserver {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final CurrentProject currentProject;
    private final ProjectMembers members;
    private final PersonalApiKeysPanel keys;
    private final EmailField email = new EmailField("Email");
    private final PasswordField password = new PasswordField("Password");
    private final Select<ProjectRole> role = new Select<>();
    private final Grid<ProjectMember> grid = new Grid<>();
    private Project project;

    AdminView(CurrentProject currentProject, ProjectMembers members, PersonalApiKeysPanel keys) {
        this.currentProject = currentProject;
        this.members = members;
        this.keys = keys;
        addClassName("admin-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        AdminOnly.enter(currentProject, event, "Admin").ifPresent(admined -> {
            project = admined;
            removeAll();
            add(PageHeader.of("Admin", "Who may use " + project.getName() + ", and your personal API keys."), membersSection(), keys);
            refresh();
        });
    }

    private Component membersSection() {
        H3 title = new H3("Members");
        Paragraph about = new Paragraph("ADMINs manage members and keys, EDITORs create and run exports, VIEWERs read.");
        about.addClassName("section-description");
        Div section = new Div(title, about, addForm(), grid());
        section.addClassName("members-section");
        return section;
    }

    private Component addForm() {
        email.setId("member-email");
        email.setPlaceholder("person@example.com");
        email.setWidth("18rem");
        password.setId("member-password");
        password.setHelperText("Only for a new user: at least 10 characters.");
        password.setWidth("16rem");
        role.setId("member-role");
        role.setLabel("Role");
        role.setItems(ProjectRole.values());
        role.setValue(ProjectRole.VIEWER);
        role.setWidth("9rem");
        Button add = new Button("Add member", VaadinIcon.PLUS.create(), click -> add());
        add.setId("add-member");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(email, password, role, add);
        form.addClassName("inline-form");
        return form;
    }

    private Grid<ProjectMember> grid() {
        grid.addClassName("members-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(ProjectMember::email).setHeader("Email").setKey("email").setFlexGrow(4);
        grid.addComponentColumn(this::roleSelect).setHeader("Role").setKey("role").setFlexGrow(2);
        grid.addColumn(member -> DATE.format(member.createdAt())).setHeader("Member since").setKey("since").setFlexGrow(2);
        grid.addComponentColumn(this::removeButton).setHeader("").setKey("actions").setFlexGrow(0).setAutoWidth(true);
        return grid;
    }

    private Component roleSelect(ProjectMember member) {
        Select<ProjectRole> select = new Select<>();
        select.addClassName("member-role");
        select.setAriaLabel("Role of " + member.email());
        select.setItems(ProjectRole.values());
        select.setValue(member.role());
        select.setWidth("9rem");
        select.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                act(() -> members.changeRole(project.getId(), member.id(), change.getValue()),
                        member.email() + " is now " + change.getValue() + ".");
            }
        });
        return select;
    }

    private Component removeButton(ProjectMember member) {
        Button remove = new Button("Remove", click -> confirmRemove(member));
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.addClassName("remove-member");
        return remove;
    }

    private void confirmRemove(ProjectMember member) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Remove " + member.email() + "?");
        dialog.setText(member.email() + " (" + member.role() + ") loses access to " + project.getName()
                + " and its exports. Their user and API keys stay.");
        dialog.setConfirmText("Remove");
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.addConfirmListener(confirm -> act(() -> members.remove(project.getId(), member.id()),
                "Removed " + member.email() + " from " + project.getName() + "."));
        dialog.open();
    }

    private void add() {
        email.setInvalid(false);
        password.setInvalid(false);
        try {
            ProjectMembers.Added added = members.add(project.getId(), email.getValue(), password.getValue(), role.getValue());
            Toasts.success((added.userCreated() ? "Created the user " : "Added ") + added.user().getEmail()
                    + " as " + added.membership().getRole() + ".");
            email.clear();
            password.clear();
        } catch (BadRequestException e) {
            if ("password".equals(e.attr())) {
                password.setErrorMessage(e.getMessage());
                password.setInvalid(true);
            } else if ("email".equals(e.attr())) {
                email.setErrorMessage(e.getMessage());
                email.setInvalid(true);
            }
            Toasts.error(e);
        } catch (RuntimeException e) {
            Toasts.error(e);
        }
        refresh();
    }

    /** Runs an action, says how it went, and shows the members as they now are (a refused change snaps back). */
    private void act(Runnable action, String done) {
        try {
            action.run();
            Toasts.success(done);
        } catch (RuntimeException e) {
            Toasts.error(e);
        }
        refresh();
    }

    private void refresh() {
        try {
            grid.setItems(members.list(project.getId()));
        } catch (PermissionDeniedException e) {
            // the signed-in user just gave up their own ADMIN role, or lost it to another ADMIN
            getUI().ifPresent(ui -> ui.navigate(""));
        }
    }
}
