package dev.sluice.run;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportDraft;
import dev.sluice.export.ExportService;
import dev.sluice.export.PreviewPanel;
import dev.sluice.export.PreviewPanels;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import dev.sluice.ui.SpringMockVaadin;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class ExportDetailViewTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ExportService exports;
    @Autowired
    BatchExportRunRepository runs;
    @Autowired
    RunLogService logs;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void theRunsTabListsRunsNewestFirstAndFiltersThemByStatus() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Runs tab");
        run(export, Instant.parse("2026-03-02T10:00:00Z"), RunStatus.Completed, 1200, null);
        run(export, Instant.parse("2026-03-02T11:00:00Z"), RunStatus.Failed, 0, "Bucket does not exist\nstack");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        Grid<BatchExportRun> grid = _get(ExportDetailView.class).runGrid();
        assertThat(GridKt._size(grid)).isEqualTo(2);
        assertThat(GridKt._getFormatted(grid, 0, "end")).isEqualTo("Mar 2, 11:00");
        assertThat(GridKt._getFormatted(grid, 0, "error")).isEqualTo("Bucket does not exist");
        assertThat(GridKt._getFormatted(grid, 1, "records")).isEqualTo("1,200");

        @SuppressWarnings("unchecked")
        Select<RunStatus> status = _get(Select.class, spec -> spec.withId("run-status-filter"));
        _setValue(status, RunStatus.Completed);

        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._getFormatted(grid, 0, "end")).isEqualTo("Mar 2, 10:00");
    }

    @Test
    void theBackfillDialogRefusesAnEndBeforeTheStartAndShowsTheEstimateOfAValidRange() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Backfill dialog");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("open-backfill")));
        DateTimePicker start = _get(DateTimePicker.class, spec -> spec.withId("backfill-start"));
        DateTimePicker end = _get(DateTimePicker.class, spec -> spec.withId("backfill-end"));
        _setValue(start, LocalDateTime.parse("2026-01-10T00:00"));
        _setValue(end, LocalDateTime.parse("2026-01-09T00:00"));

        assertThat(end.isInvalid()).isTrue();
        assertThat(end.getErrorMessage()).isEqualTo("The end must be after the start.");
        assertThat(_get(Button.class, spec -> spec.withId("confirm-backfill")).isEnabled()).isFalse();

        _setValue(end, LocalDateTime.parse("2026-01-11T00:00"));

        assertThat(end.isInvalid()).isFalse();
        assertThat(_get(BackfillDialog.class).estimate()).isEqualTo("This starts 24 runs.");
        assertThat(_get(Button.class, spec -> spec.withId("confirm-backfill")).isEnabled()).isTrue();
    }

    @Test
    void theBackfillPickersShowIsoDatesAndA24HourClockAndNameTheExportsTimeZone() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Berlin backfill", "Europe/Berlin");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("open-backfill")));

        for (String id : List.of("backfill-start", "backfill-end")) {
            DateTimePicker picker = _get(DateTimePicker.class, spec -> spec.withId(id));
            assertThat(picker.getLabel()).endsWith(" (Europe/Berlin)");
            assertThat(picker.getDatePickerI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
            String timePattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(null, FormatStyle.SHORT,
                    IsoChronology.INSTANCE, picker.getLocale());
            assertThat(timePattern).startsWith("HH").doesNotContain("a");
        }
    }

    @Test
    void theBackfillDialogRefusesAnEndInTheFuture() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Future backfill");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("open-backfill")));
        DateTimePicker end = _get(DateTimePicker.class, spec -> spec.withId("backfill-end"));
        _setValue(end, LocalDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS));

        assertThat(end.getErrorMessage()).isEqualTo("The end must not be in the future.");
        assertThat(_get(Button.class, spec -> spec.withId("confirm-backfill")).isEnabled()).isFalse();
    }

    @Test
    void theLogsTabFiltersByLevelAndText() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Logs tab");
        logs.log(export.getId(), null, "INFO", "Run started for the 10:00 interval");
        logs.log(export.getId(), null, "ERROR", "Bucket clickstream does not exist");
        logs.log(export.getId(), null, "INFO", "Wrote 1200 records to clickstream");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());
        _get(TabSheet.class).setSelectedIndex(2);
        Grid<RunLog> grid = _get(ExportDetailView.class).logGrid();
        assertThat(messages(grid)).containsExactly("Wrote 1200 records to clickstream", "Bucket clickstream does not exist",
                "Run started for the 10:00 interval");

        @SuppressWarnings("unchecked")
        Select<String> level = _get(Select.class, spec -> spec.withId("log-level"));
        _setValue(level, "ERROR");
        assertThat(messages(grid)).containsExactly("Bucket clickstream does not exist");

        _setValue(level, "");
        _setValue(_get(TextField.class, spec -> spec.withId("log-search")), "CLICKSTREAM");
        assertThat(messages(grid)).containsExactly("Wrote 1200 records to clickstream", "Bucket clickstream does not exist");
    }

    @Test
    void pauseFromTheHeaderPausesTheExportAndSaysSo() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Header pause");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("pause-toggle")));

        assertThat(exports.get(export.getProjectId(), export.getId()).isPaused()).isTrue();
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text")).contains("Header pause is paused.");
        assertThat(_get(Button.class, spec -> spec.withId("pause-toggle")).getText()).isEqualTo("Unpause");
    }

    @Test
    void unpausingOffersToBackfillThePausedGap() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Header unpause");
        exports.pause(export.getProjectId(), export.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("pause-toggle")));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(dialog)).isEqualTo("Unpause Header unpause?");
        ConfirmDialogKt._fireReject(dialog);

        assertThat(exports.get(export.getProjectId(), export.getId()).isPaused()).isFalse();
    }

    @Test
    void deleteAsksForConfirmationNamingTheExport() {
        AppUser user = newUser();
        BatchExport export = hourlyExport(user, "Doomed export");
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        _click(_get(Button.class, spec -> spec.withId("delete-export")));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(dialog)).isEqualTo("Delete Doomed export?");
        assertThat(ConfirmDialogKt.getText(dialog)).contains("\"Doomed export\"");
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(exports.list(export.getProjectId())).extracting(BatchExport::getId).doesNotContain(export.getId());
    }

    @Test
    void aViewerSeesTheTabsButNoWriteActions() {
        AppUser owner = newUser();
        AppUser viewer = newUser();
        BatchExport export = hourlyExport(owner, "Viewer detail");
        projects.setMember(export.getProjectId(), viewer.getId(), ProjectRole.VIEWER);
        run(export, Instant.parse("2026-03-02T10:00:00Z"), RunStatus.Failed, 0, "boom");
        SpringMockVaadin.signedInAs(context, viewer.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());

        assertThat(_find(Button.class)).extracting(Button::getText).doesNotContain("Pause", "Unpause", "Backfill", "Edit", "Delete", "Retry");
        assertThat(_get(ExportDetailView.class).runGrid().getColumnByKey("actions")).isNull();
        assertThat(GridKt._size(_get(ExportDetailView.class).runGrid())).isEqualTo(1);
    }

    @Test
    void theConfigurationTabShowsTheSettingsButNoSecret() {
        AppUser user = newUser();
        Project project = projects.create("Config tab", user.getId());
        BatchExport export = exports.create(project.getId(), new ExportDraft("Warehouse", "Postgres",
                Map.of("host", "db.internal", "database", "analytics", "user", "sluice", "table_name", "events",
                        "password", "never-shown-secret"), "hour", null, null, null, null, null, true, null, null));
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());
        _get(TabSheet.class).setSelectedIndex(3);

        String text = BasicUtilsKt.get_textRecursively(_get(ExportDetailView.class));
        assertThat(text).contains("db.internal", "analytics", "password").doesNotContain("never-shown-secret");
    }

    @Test
    void thePreviewTabShowsAViewerTheFirstRowsAndTheCountOfTheLastCompleteDay() {
        AppUser owner = newUser();
        AppUser viewer = newUser();
        Project project = projects.create("Preview tab", owner.getId());
        projects.setMember(project.getId(), viewer.getId(), ProjectRole.VIEWER);
        PreviewPanels.yesterdaysDemoData(port, owner.getEmail(), "a-long-password", project.getId());
        BatchExport export = exports.create(project.getId(), new ExportDraft("Daily preview", "Files", Map.of("path", "detail-preview"),
                "day", null, "UTC", null, null, null, true, null, null));
        SpringMockVaadin.signedInAs(context, viewer.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId());
        PreviewPanel panel = _get(ExportDetailView.class).previewPanel();

        _get(TabSheet.class).setSelectedIndex(4);

        assertThat(panel.isLoading()).isTrue();
        PreviewPanels.awaitLoaded(panel);
        assertThat(panel.summary()).startsWith((24 * PreviewPanels.EVENTS_PER_HOUR) + " rows in ").endsWith("; showing the first 20");
        assertThat(GridKt._size(panel.grid())).isEqualTo(20);
        assertThat(panel.grid().getColumns()).extracting(c -> c.getKey())
                .containsExactly("uuid", "event", "distinct_id", "person_id", "properties", "timestamp", "inserted_at");
        assertThat(GridKt._getFormatted(panel.grid(), 0, "properties")).startsWith("{").doesNotContain("\": ");
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(ExportDetailView.POLL_MILLIS);
    }

    private static List<String> messages(Grid<RunLog> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormatted(grid, i, "message")).toList();
    }

    private BatchExport hourlyExport(AppUser user, String name) {
        return hourlyExport(user, name, "UTC");
    }

    private BatchExport hourlyExport(AppUser user, String name, String timeZone) {
        Project project = projects.create(name + " project", user.getId());
        return exports.create(project.getId(), new ExportDraft(name, "Files", Map.of("path", "detail-" + Ids.token("", 6)),
                "hour", null, timeZone, null, null, null, false, null, null));
    }

    private void run(BatchExport export, Instant end, RunStatus status, long records, String error) {
        BatchExportRun run = new BatchExportRun(Ids.newId(), export.getId(), null,
                new DataInterval(end.minus(1, ChronoUnit.HOURS), end), "export-" + export.getId() + "-" + end, end);
        run.finish(status, records, records * 50, error, end.plusSeconds(12));
        runs.save(run);
    }

    private AppUser newUser() {
        return users.create("detail-" + Ids.token("", 8).toLowerCase() + "@sluice.test", "a-long-password", false);
    }
}
