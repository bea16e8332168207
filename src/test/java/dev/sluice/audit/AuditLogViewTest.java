package dev.sluice.audit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.PermissionDeniedException;
import dev.sluice.export.ExportsView;
import dev.sluice.project.AdminView;
import dev.sluice.project.ProjectMembers;
import dev.sluice.project.ProjectRole;
import dev.sluice.security.PersonalApiKeyService;
import dev.sluice.ui.SpringMockVaadin;
import dev.sluice.ui.SpringMockVaadin.Member;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class AuditLogViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AuditLog auditLog;
    @Autowired
    ProjectMembers members;
    @Autowired
    PersonalApiKeyService keys;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void membershipAndKeyChangesMadeInTheUiAreRowsNewestFirst() {
        Member admin = SpringMockVaadin.signedInMember(context, "Audited team", ProjectRole.ADMIN);
        String email = "audited-" + UUID.randomUUID() + "@sluice.test";
        UI.getCurrent().navigate(AdminView.class);
        HasValueUtilsKt._setValue(_get(EmailField.class, spec -> spec.withId("member-email")), email);
        HasValueUtilsKt._setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "long-enough-1");
        _click(_get(Button.class, spec -> spec.withId("add-member")));
        UUID membership = members.list(admin.project().getId()).stream().filter(m -> m.email().equals(email)).findFirst()
                .orElseThrow().id();
        members.changeRole(admin.project().getId(), membership, ProjectRole.EDITOR);
        keys.create(admin.user().getId(), "CI pipeline");

        UI.getCurrent().navigate(AuditLogView.class);

        Grid<AuditEntry> grid = auditGrid();
        assertThat(rows(grid)).containsExactly(
                List.of(admin.user().getEmail(), "api_key_created", "CI pipeline"),
                List.of(admin.user().getEmail(), "role_changed", email + ": VIEWER → EDITOR"),
                List.of(admin.user().getEmail(), "member_added", email + " as VIEWER"));
        assertThat(GridKt._getFormatted(grid, 2, "target")).startsWith("Member ");
        assertThat(GridKt._getFormatted(grid, 0, "target")).startsWith("API key ");
        assertThat(GridKt._getFormatted(grid, 0, "time")).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void theActionFilterKeepsOnlyThatAction() {
        Member admin = SpringMockVaadin.signedInMember(context, "Filtered", ProjectRole.ADMIN);
        UUID pid = admin.project().getId();
        auditLog.record(pid, AuditLog.PAUSED, "batch_export", UUID.randomUUID(), "Hourly");
        auditLog.record(pid, AuditLog.CREATED, "batch_export", UUID.randomUUID(), "Daily");
        auditLog.record(pid, AuditLog.PAUSED, "batch_export", UUID.randomUUID(), "Weekly");
        UI.getCurrent().navigate(AuditLogView.class);

        HasValueUtilsKt._setValue(actionFilter(), AuditLog.PAUSED);

        assertThat(rows(auditGrid())).extracting(row -> row.get(2)).containsExactly("Weekly", "Hourly");
        assertThat(actionFilter().getItemLabelGenerator().apply(AuditLog.API_KEY_REVOKED)).isEqualTo("API key revoked");

        HasValueUtilsKt._setValue(actionFilter(), null);
        assertThat(GridKt._size(auditGrid())).isEqualTo(3);
    }

    @Test
    void aLongLogIsLoadedPageByPage() {
        Member admin = SpringMockVaadin.signedInMember(context, "Busy", ProjectRole.ADMIN);
        IntStream.range(0, 230).forEach(i ->
                auditLog.record(admin.project().getId(), AuditLog.EDITED, "batch_export", UUID.randomUUID(), "edit " + i));
        UI.getCurrent().navigate(AuditLogView.class);

        Grid<AuditEntry> grid = auditGrid();
        assertThat(GridKt._size(grid)).isEqualTo(230);
        assertThat(GridKt._get(grid, 0).detail()).isEqualTo("edit 229");
        assertThat(GridKt._get(grid, 229).detail()).isEqualTo("edit 0");
        assertThat(auditLog.page(admin.project().getId(), null, 200, 50)).hasSize(30);
    }

    @Test
    void editorsAndViewersAreSentToTheExportsAndTheLogRefusesThem() {
        for (ProjectRole role : List.of(ProjectRole.EDITOR, ProjectRole.VIEWER)) {
            Member member = SpringMockVaadin.signedInMember(context, "No audit", role);
            UI.getCurrent().navigate(AuditLogView.class);

            assertThat(_find(AuditLogView.class)).isEmpty();
            assertThat(_get(ExportsView.class)).isNotNull();
            assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                    .contains("The audit log is for the project's ADMINs; you are " + role + " in No audit.");
            assertThatThrownBy(() -> members.list(member.project().getId())).isInstanceOf(PermissionDeniedException.class);
            SpringMockVaadin.tearDown();
        }
    }

    @SuppressWarnings("unchecked")
    private static Grid<AuditEntry> auditGrid() {
        return _get(Grid.class, spec -> spec.withClasses("audit-grid"));
    }

    @SuppressWarnings("unchecked")
    private static Select<String> actionFilter() {
        return _get(Select.class, spec -> spec.withId("audit-action"));
    }

    /** Who, action and details of each row. */
    private static List<List<String>> rows(Grid<AuditEntry> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i))
                .map(e -> List.of(e.user(), e.action(), e.detail())).toList();
    }
}
