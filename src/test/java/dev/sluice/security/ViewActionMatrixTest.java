package dev.sluice.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.NotFoundException;
import dev.sluice.export.BatchExport;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.run.RunStatus;
import dev.sluice.ui.SpringMockVaadin;
import dev.sluice.ui.UiFixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every action button of the views, for a project's ADMIN, EDITOR and VIEWER, from one table: each
 * is visible and enabled for the roles that may do it and absent for the others (the services
 * refuse them too; see {@link RoleEndpointMatrixTest}). A user outside the project cannot open its
 * export at all.
 */
@SluiceIntegrationTest
class ViewActionMatrixTest {

    @Autowired
    ApplicationContext context;

    /** An export with a failed run, a run in progress and a backfill in progress, and a signed-in member of its project. */
    record Fixture(BatchExport export, AppUser member) {

        String detail() {
            return "exports/" + export.getId();
        }
    }

    /** An action: the view it is in, how to reach it there (empty when it is not shown), and the least role that may use it. */
    record Action(String name, Function<Fixture, String> route, Function<Fixture, Optional<Button>> find, ProjectRole needs) {
    }

    private static final int BACKFILLS_TAB = 1;

    private static final List<Action> ACTIONS = List.of(
            new Action("New export in the exports list", f -> "exports", f -> button("New export"), ProjectRole.EDITOR),
            new Action("Pause/Unpause in the exports list", f -> "exports", f -> cell("exports-grid", 0, "actions", "Unpause"), ProjectRole.EDITOR),
            new Action("Pause/Unpause on the export", Fixture::detail, f -> byId("pause-toggle"), ProjectRole.EDITOR),
            new Action("Backfill on the export", Fixture::detail, f -> byId("open-backfill"), ProjectRole.EDITOR),
            new Action("Edit on the export", Fixture::detail, f -> byId("edit-export"), ProjectRole.EDITOR),
            new Action("Delete on the export", Fixture::detail, f -> byId("delete-export"), ProjectRole.EDITOR),
            new Action("Retry of a failed run", Fixture::detail, f -> cell("runs-grid", 1, "actions", "Retry"), ProjectRole.EDITOR),
            new Action("Cancel of an unfinished run", Fixture::detail, f -> cell("runs-grid", 0, "actions", "Cancel"), ProjectRole.EDITOR),
            new Action("Cancel of an unfinished backfill", Fixture::detail, f -> {
                _get(TabSheet.class).setSelectedIndex(BACKFILLS_TAB);
                return cell("backfills-grid", 0, "actions", "Cancel");
            }, ProjectRole.EDITOR),
            new Action("Start backfill in the backfill dialog", Fixture::detail, f -> byId("open-backfill").flatMap(open -> {
                _click(open);
                return byId("confirm-backfill");
            }), ProjectRole.EDITOR),
            new Action("Test connection in the new-export form", f -> "exports/new", f -> byId("test-connection"), ProjectRole.EDITOR),
            new Action("Create export in the new-export form", f -> "exports/new", f -> byId("save-export"), ProjectRole.EDITOR),
            new Action("Test connection in the edit form", f -> f.detail() + "/edit", f -> byId("test-connection"), ProjectRole.EDITOR),
            new Action("Save changes in the edit form", f -> f.detail() + "/edit", f -> byId("save-export"), ProjectRole.EDITOR));

    @TestFactory
    Stream<DynamicTest> eachRoleSeesExactlyTheActionsItMayUse() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ProjectRole role : ProjectRole.values()) {
            Fixture fixture = fixture(role);
            for (Action action : ACTIONS) {
                boolean allowed = role.atLeast(action.needs());
                tests.add(DynamicTest.dynamicTest(action.name() + (allowed ? " is usable" : " is hidden") + " for a " + role, () -> {
                    new UiFixtures(context).signIn(fixture.member());
                    try {
                        UI.getCurrent().navigate(action.route().apply(fixture));
                        Optional<Button> button = action.find().apply(fixture);
                        if (allowed) {
                            assertThat(button).as(action.name()).hasValueSatisfying(b -> {
                                assertThat(b.isVisible()).isTrue();
                                assertThat(b.isEnabled()).isTrue();
                            });
                        } else {
                            assertThat(button).as(action.name()).isEmpty();
                        }
                    } finally {
                        SpringMockVaadin.tearDown();
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aUserOutsideTheProjectCannotOpenItsExportNorSwitchToIt() {
        Fixture theirs = fixture(ProjectRole.ADMIN);
        Fixture mine = fixture(ProjectRole.ADMIN);
        new UiFixtures(context).signIn(mine.member());
        try {
            for (String route : List.of(theirs.detail(), theirs.detail() + "/edit")) {
                UI.getCurrent().navigate(route);
                String page = BasicUtilsKt.get_textRecursively(UI.getCurrent().getCurrentView());
                assertThat(page).as(route).contains("Export not found").doesNotContain(theirs.export().getName());
                assertThat(_find(Button.class)).extracting(Button::getText)
                        .doesNotContain("Pause", "Unpause", "Backfill", "Edit", "Delete", "Save changes", "Test connection");
            }
            CurrentProject current = context.getBean(CurrentProject.class);
            assertThatThrownBy(() -> current.select(theirs.export().getProjectId())).isInstanceOf(NotFoundException.class);
            assertThat(current.get()).get().extracting(access -> access.project().getId()).isEqualTo(mine.export().getProjectId());
        } finally {
            SpringMockVaadin.tearDown();
        }
    }

    /** A project of its own with a paused export, a failed and a starting run, a starting backfill, and a member with the role. */
    private Fixture fixture(ProjectRole role) {
        UiFixtures fixtures = new UiFixtures(context);
        AppUser owner = fixtures.newUser("owner");
        Project project = fixtures.project("Actions of " + role, owner);
        BatchExport export = fixtures.hourlyFilesExport(project, "Actions", true);
        Instant end = Instant.parse("2026-03-02T12:00:00Z");
        fixtures.run(export, end.minus(1, ChronoUnit.HOURS), RunStatus.Failed, "boom");
        fixtures.run(export, end, null, null);
        fixtures.startingBackfill(export, end);
        return new Fixture(export, role == ProjectRole.ADMIN ? owner : fixtures.member(project, role));
    }

    private static Optional<Button> byId(String id) {
        return _find(Button.class, spec -> spec.withId(id)).stream().findFirst();
    }

    private static Optional<Button> button(String text) {
        return _find(Button.class, spec -> spec.withText(text)).stream().findFirst();
    }

    /** The button with the text in a grid's cell, if the grid has that column. */
    private static Optional<Button> cell(String gridClass, int row, String column, String text) {
        @SuppressWarnings("unchecked")
        Grid<Object> grid = _get(Grid.class, spec -> spec.withClasses(gridClass));
        if (grid.getColumnByKey(column) == null) {
            return Optional.empty();
        }
        Component cell = GridKt._getCellComponent(grid, row, column);
        return Stream.concat(Stream.of(cell), cell.getChildren()).filter(Button.class::isInstance).map(Button.class::cast)
                .filter(button -> button.getText().equals(text)).findFirst();
    }
}
