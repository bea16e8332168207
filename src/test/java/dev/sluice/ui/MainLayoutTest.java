package dev.sluice.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.NotFoundException;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.export.ExportsView;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService;
import dev.sluice.project.ProjectService.ProjectAccess;
import dev.sluice.security.AppUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class MainLayoutTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    ExportService exports;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void theProjectSwitcherListsOnlyTheSignedInUsersProjects() {
        AppUser user = newUser();
        projects.create("Alpha", user.getId());
        projects.create("Beta", user.getId());
        projects.create("Gamma", newUser().getId());

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        assertThat(switcherNames()).containsExactly("Alpha", "Beta");
        assertThat(projectSwitcher().getValue().project().getName()).isEqualTo("Alpha");
    }

    @Test
    void switchingTheProjectShowsItsExportsAndIsRememberedForTheSession() {
        AppUser user = newUser();
        projects.create("Alpha", user.getId());
        Project beta = projects.create("Beta", user.getId());
        exports.create(beta.getId(), new ExportDraft("Beta's backup", "Files", Map.of("path", "beta"), "day",
                null, null, null, null, null, true, null, null));

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);
        Select<ProjectAccess> switcher = projectSwitcher();
        HasValueUtilsKt._setValue(switcher, switcher.getListDataView().getItems()
                .filter(access -> access.project().getName().equals("Beta")).findFirst().orElseThrow());

        assertThat(BasicUtilsKt.get_textRecursively(_get(ExportsView.class))).contains("Scheduled exports of Beta");
        assertThat(_get(Grid.class).getGenericDataView().getItems().count()).isEqualTo(1);

        UI.getCurrent().navigate("exports");
        assertThat(BasicUtilsKt.get_textRecursively(_get(ExportsView.class))).contains("Scheduled exports of Beta");
    }

    @Test
    void aProjectOfAnotherUserCannotBeSelected() {
        AppUser user = newUser();
        projects.create("Alpha", user.getId());
        Project foreign = projects.create("Gamma", newUser().getId());

        SpringMockVaadin.signedInAs(context, user.getEmail());
        CurrentProject current = context.getBean(CurrentProject.class);

        assertThatThrownBy(() -> current.select(foreign.getId())).isInstanceOf(NotFoundException.class);
        assertThat(current.get().orElseThrow().project().getName()).isEqualTo("Alpha");
    }

    @Test
    void theHeaderShowsTheSignedInUserAndALogoutButton() {
        AppUser user = newUser();
        projects.create("Alpha", user.getId());

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        MainLayout layout = _get(MainLayout.class);
        assertThat(BasicUtilsKt.get_textRecursively(layout)).contains("Sluice", user.getEmail());
        assertThat(_get(Button.class, spec -> spec.withText("Log out")).isVisible()).isTrue();
    }

    @Test
    void projectAdminsSeeAdminAndTheAuditLogInTheNavigationAndOthersTheirApiKeys() {
        AppUser user = newUser();
        projects.create("Run by me", user.getId());
        Project led = projects.create("Led by another", newUser().getId());
        projects.setMember(led.getId(), user.getId(), ProjectRole.VIEWER);

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);
        assertThat(visibleNavigation()).containsExactly("Exports", "Admin", "Audit log");

        Select<ProjectAccess> switcher = projectSwitcher();
        HasValueUtilsKt._setValue(switcher, switcher.getListDataView().getItems()
                .filter(access -> access.project().getName().equals("Led by another")).findFirst().orElseThrow());
        assertThat(visibleNavigation()).containsExactly("Exports", "API keys");
    }

    private static List<String> visibleNavigation() {
        return _find(SideNavItem.class).stream().filter(SideNavItem::isVisible).map(SideNavItem::getLabel).toList();
    }

    private AppUser newUser() {
        return SpringMockVaadin.newUser(context);
    }

    @SuppressWarnings("unchecked")
    private static Select<ProjectAccess> projectSwitcher() {
        return _get(Select.class);
    }

    private static List<String> switcherNames() {
        return projectSwitcher().getListDataView().getItems().map(access -> access.project().getName()).toList();
    }
}
