package dev.sluice.project;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.export.ExportsView;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import dev.sluice.ui.SpringMockVaadin;
import dev.sluice.ui.SpringMockVaadin.Member;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class AdminViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    UserService users;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void anAdminAddsANewPersonWithAPasswordAndSeesThemInTheMembers() {
        Member admin = SpringMockVaadin.signedInMember(context, "Team", ProjectRole.ADMIN);
        UI.getCurrent().navigate(AdminView.class);
        String email = "new-" + UUID.randomUUID() + "@sluice.test";

        HasValueUtilsKt._setValue(_get(EmailField.class, spec -> spec.withId("member-email")), email);
        HasValueUtilsKt._setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "long-enough-1");
        HasValueUtilsKt._setValue(memberRole(), ProjectRole.EDITOR);
        _click(_get(Button.class, spec -> spec.withId("add-member")));

        assertThat(notifications()).contains("Created the user " + email + " as EDITOR.");
        assertThat(members()).containsExactly(admin.user().getEmail() + " ADMIN", email + " EDITOR");
        AppUser created = users.byEmail(email).orElseThrow();
        assertThat(projects.roleOf(created.getId(), admin.project().getId())).contains(ProjectRole.EDITOR);
    }

    @Test
    void aNewPersonNeedsAPasswordOfTenCharactersAndIsNotCreatedWithAShorterOne() {
        SpringMockVaadin.signedInMember(context, "Strict team", ProjectRole.ADMIN);
        UI.getCurrent().navigate(AdminView.class);
        String email = "short-" + UUID.randomUUID() + "@sluice.test";

        HasValueUtilsKt._setValue(_get(EmailField.class, spec -> spec.withId("member-email")), email);
        HasValueUtilsKt._setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "short");
        _click(_get(Button.class, spec -> spec.withId("add-member")));

        PasswordField password = _get(PasswordField.class, spec -> spec.withId("member-password"));
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo("password must be at least 10 characters.");
        assertThat(notifications()).contains("Password must be at least 10 characters.");
        assertThat(users.byEmail(email)).isEmpty();
        assertThat(members()).hasSize(1);
    }

    @Test
    void changingARoleInTheGridSavesItAndSaysSo() {
        Member admin = SpringMockVaadin.signedInMember(context, "Promotions", ProjectRole.ADMIN);
        AppUser viewer = SpringMockVaadin.newUser(context);
        projects.setMember(admin.project().getId(), viewer.getId(), ProjectRole.VIEWER);
        UI.getCurrent().navigate(AdminView.class);

        HasValueUtilsKt._setValue(roleSelectOf(viewer.getEmail()), ProjectRole.EDITOR);

        assertThat(projects.roleOf(viewer.getId(), admin.project().getId())).contains(ProjectRole.EDITOR);
        assertThat(notifications()).contains(viewer.getEmail() + " is now EDITOR.");
        assertThat(members()).contains(viewer.getEmail() + " EDITOR");
    }

    @Test
    void theLastAdminCanNeitherBeDemotedNorRemoved() {
        Member admin = SpringMockVaadin.signedInMember(context, "Sole admin", ProjectRole.ADMIN);
        UI.getCurrent().navigate(AdminView.class);
        String email = admin.user().getEmail();

        HasValueUtilsKt._setValue(roleSelectOf(email), ProjectRole.VIEWER);

        assertThat(notifications()).contains("The project's last ADMIN (" + email + ") must stay ADMIN; "
                + "make another member ADMIN first.");
        assertThat(roleSelectOf(email).getValue()).isEqualTo(ProjectRole.ADMIN);

        _click(removeButtonOf(email));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(dialog)).isEqualTo("Remove " + email + "?");
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(notifications()).contains("The project's last ADMIN (" + email + ") cannot be removed; "
                + "make another member ADMIN first.");
        assertThat(projects.roleOf(admin.user().getId(), admin.project().getId())).contains(ProjectRole.ADMIN);
        assertThat(members()).containsExactly(email + " ADMIN");
    }

    @Test
    void removingAMemberAsksFirstNamingThePersonThenRemovesThem() {
        Member admin = SpringMockVaadin.signedInMember(context, "Leavers", ProjectRole.ADMIN);
        AppUser editor = SpringMockVaadin.newUser(context);
        projects.setMember(admin.project().getId(), editor.getId(), ProjectRole.EDITOR);
        UI.getCurrent().navigate(AdminView.class);

        _click(removeButtonOf(editor.getEmail()));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(dialog)).isEqualTo("Remove " + editor.getEmail() + "?");
        assertThat(ConfirmDialogKt.getText(dialog)).contains(editor.getEmail() + " (EDITOR) loses access to Leavers");
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(projects.roleOf(editor.getId(), admin.project().getId())).isEmpty();
        assertThat(notifications()).contains("Removed " + editor.getEmail() + " from Leavers.");
        assertThat(members()).containsExactly(admin.user().getEmail() + " ADMIN");
    }

    @Test
    void editorsAndViewersOpeningAdminAreSentToTheExports() {
        for (ProjectRole role : List.of(ProjectRole.EDITOR, ProjectRole.VIEWER)) {
            SpringMockVaadin.signedInMember(context, "Not admins", role);
            UI.getCurrent().navigate(AdminView.class);

            assertThat(_find(AdminView.class)).isEmpty();
            assertThat(_get(ExportsView.class)).isNotNull();
            assertThat(notifications()).contains("Admin is for the project's ADMINs; you are " + role + " in Not admins.");
            SpringMockVaadin.tearDown();
        }
    }

    @SuppressWarnings("unchecked")
    private static Grid<ProjectMember> membersGrid() {
        return _get(Grid.class, spec -> spec.withClasses("members-grid"));
    }

    /** Each member as "email ROLE", in the grid's order. */
    private static List<String> members() {
        return membersGrid().getGenericDataView().getItems().map(m -> m.email() + " " + m.role()).toList();
    }

    private static int rowOf(String email) {
        List<ProjectMember> rows = membersGrid().getGenericDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).email().equals(email)) {
                return i;
            }
        }
        throw new AssertionError(email + " is not in the members grid");
    }

    @SuppressWarnings("unchecked")
    private static Select<ProjectRole> roleSelectOf(String email) {
        return (Select<ProjectRole>) GridKt._getCellComponent(membersGrid(), rowOf(email), "role");
    }

    private static Button removeButtonOf(String email) {
        return (Button) GridKt._getCellComponent(membersGrid(), rowOf(email), "actions");
    }

    @SuppressWarnings("unchecked")
    private static Select<ProjectRole> memberRole() {
        return _get(Select.class, spec -> spec.withId("member-role"));
    }

    private static List<String> notifications() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text")).toList();
    }
}
