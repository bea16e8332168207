package dev.sluice.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.button.Button;
import dev.sluice.project.ProjectRole;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.dom.Element;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunStatus;
import dev.sluice.security.AppUser;
import dev.sluice.ui.SpringMockVaadin;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class ExportsViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    ExportService exports;
    @Autowired
    BatchExportRunRepository runs;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void theGridShowsEachExportsNameDestinationIntervalStatusAndLatestRun() {
        AppUser user = newUser();
        Project project = projects.create("Storefront", user.getId());
        BatchExport nightly = exports.create(project.getId(), new ExportDraft("Nightly files", "Files",
                Map.of("path", "nightly"), "day", null, "Europe/Berlin", null, null, null, true, null, null));
        exports.create(project.getId(), new ExportDraft("Raw events to the lake", "HTTP",
                Map.of("url", "https://lake.example.com/ingest"), "every 5 minutes", null, null, null, null, null, true, null, null));
        Instant end = Instant.parse("2026-03-02T23:00:00Z");
        BatchExportRun run = new BatchExportRun(Ids.newId(), nightly.getId(), null,
                new DataInterval(end.minus(1, ChronoUnit.DAYS), end), "export-" + nightly.getId() + "-" + end, end);
        run.finish(RunStatus.Completed, 1200, 64_000, null, end.plusSeconds(30));
        runs.save(run);

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        Map<String, List<String>> rows = rowsByName(_get(Grid.class));
        assertThat(rows).containsOnlyKeys("Nightly files", "Raw events to the lake");
        assertThat(rows.get("Nightly files"))
                .containsExactly("Nightly files Files", "Every day", "Paused", "Completed Mar 3, 00:00 CET", "—", "Unpause");
        assertThat(rows.get("Raw events to the lake"))
                .containsExactly("Raw events to the lake HTTP", "Every 5 minutes", "Paused", "No runs yet", "—", "Unpause");
    }

    @Test
    void anActiveExportIsMarkedActive() {
        AppUser user = newUser();
        Project project = projects.create("Warehouse", user.getId());
        exports.create(project.getId(), new ExportDraft("Hourly to Postgres", "Postgres",
                Map.of("host", "db.example.com", "database", "analytics", "user", "sluice", "table_name", "events"),
                "hour", null, null, null, null, null, false, null, null));

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        List<String> row = rowsByName(_get(Grid.class)).get("Hourly to Postgres");
        assertThat(row.subList(0, 3)).containsExactly("Hourly to Postgres Postgres", "Every hour", "Active");
    }

    @Test
    void anActiveExportShowsItsNextRunOnTheIntervalGridAfterNow() {
        Instant now = Instant.parse("2026-03-02T10:17:00Z");
        BatchExport export = exportWithCursor("hour", "UTC", null);
        assertThat(ExportsView.nextRun(export, now)).contains(Instant.parse("2026-03-02T11:00:00Z"));
        BatchExport berlinDaily = exportWithCursor("day", "Europe/Berlin", Instant.parse("2026-03-02T23:00:00Z"));
        assertThat(ExportsView.nextRun(berlinDaily, now)).contains(Instant.parse("2026-03-03T23:00:00Z"));
    }

    @Test
    void thePauseButtonOfARowPausesItsExportAndTheRowSaysSo() {
        AppUser user = newUser();
        Project project = projects.create("Quick pause", user.getId());
        BatchExport export = exports.create(project.getId(), new ExportDraft("Hourly files", "Files",
                Map.of("path", "quick-pause"), "hour", null, null, null, null, null, false, null, null));
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        Button pause = (Button) GridKt._getCellComponent(_get(Grid.class), 0, "actions");
        assertThat(pause.getText()).isEqualTo("Pause");
        LocatorJ._click(pause);

        assertThat(exports.get(project.getId(), export.getId()).isPaused()).isTrue();
        assertThat(rowsByName(_get(Grid.class)).get("Hourly files").get(2)).isEqualTo("Paused");
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .contains("Hourly files is paused.");
    }

    @Test
    void aViewerSeesNeitherNewExportNorPauseButtons() {
        AppUser owner = newUser();
        AppUser viewer = newUser();
        Project project = projects.create("Read only", owner.getId());
        projects.setMember(project.getId(), viewer.getId(), ProjectRole.VIEWER);
        exports.create(project.getId(), new ExportDraft("Watched", "Files", Map.of("path", "watched"), "hour", null, null,
                null, null, null, false, null, null));
        SpringMockVaadin.signedInAs(context, viewer.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        assertThat(_find(Button.class)).extracting(Button::getText).doesNotContain("New export");
        assertThat(_get(Grid.class).getColumnByKey("actions")).isNull();
        assertThat(rowsByName(_get(Grid.class)).get("Watched")).hasSize(5);
    }

    @Test
    void anEditorGetsANewExportButtonLeadingToTheForm() {
        AppUser user = newUser();
        projects.create("Creators", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        LocatorJ._click(LocatorJ._get(Button.class, spec -> spec.withText("New export")));

        assertThat(_get(ExportFormView.class)).isNotNull();
    }

    private BatchExport exportWithCursor(String interval, String zone, Instant cursor) {
        AppUser user = newUser();
        Project project = projects.create("Next run " + interval, user.getId());
        BatchExport export = exports.create(project.getId(), new ExportDraft("Next " + interval, "Files",
                Map.of("path", "next"), interval, null, zone, null, null, null, false, null, null));
        export.setScheduleCursor(cursor);
        return export;
    }

    @Test
    void aProjectWithoutExportsTellsHowToCreateOneThroughTheApiWithItsId() {
        AppUser user = newUser();
        Project project = projects.create("Fresh start", user.getId());

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        assertThat(_find(Grid.class)).isEmpty();
        assertThat(BasicUtilsKt.get_textRecursively(_get(ExportsView.class))).contains("No exports yet");
        assertThat(_get(Pre.class).getText()).isEqualTo("POST /api/projects/" + project.getId() + "/batch_exports");
    }

    @Test
    void aUserWithoutProjectsIsToldToAskForOne() {
        AppUser user = newUser();

        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate(ExportsView.class);

        assertThat(_find(Grid.class)).isEmpty();
        assertThat(BasicUtilsKt.get_textRecursively(_get(ExportsView.class))).contains("You are not in any project yet");
    }

    private AppUser newUser() {
        return SpringMockVaadin.newUser(context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> rowsByName(Grid<?> grid) {
        Grid<Object> rows = (Grid<Object>) grid;
        Map<String, List<String>> byName = new LinkedHashMap<>();
        IntStream.range(0, GridKt._size(rows)).forEach(i -> {
            List<String> cells = rows.getColumns().stream()
                    .map(column -> column.getRenderer() instanceof ComponentRenderer<?, ?>
                            ? words(GridKt._getCellComponent(rows, i, column.getKey()).getElement())
                            : GridKt._getFormatted(rows, i, column.getKey()))
                    .toList();
            byName.put(exportName(GridKt._getCellComponent(rows, i, "name").getElement()), cells);
        });
        return byName;
    }

    /** The export's name in a row's name cell, which shows its destination below it. */
    private static String exportName(Element cell) {
        return cell.getChildren().filter(child -> child.getClassList().contains("export-name")).findFirst().map(Element::getText).orElseThrow();
    }

    /** The texts of an element and its descendants, separated as the browser shows them. */
    private static String words(Element element) {
        if (element.isTextNode()) {
            return element.getText().strip();
        }
        return element.getChildren().map(ExportsViewTest::words).filter(text -> !text.isEmpty()).collect(Collectors.joining(" "));
    }
}
