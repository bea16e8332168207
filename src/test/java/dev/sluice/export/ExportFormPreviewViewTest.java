package dev.sluice.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.Ids;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import dev.sluice.ui.SpringMockVaadin;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The Preview button of the export form: a grid of the first rows and the interval's count, before anything is saved. */
@SluiceIntegrationTest
class ExportFormPreviewViewTest {

    private static final String PASSWORD = "a-long-password";

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

    AppUser user;
    Project project;

    @BeforeEach
    void projectWithYesterdaysEvents() {
        user = users.create("preview-" + Ids.token("", 8).toLowerCase() + "@sluice.test", PASSWORD, false);
        project = projects.create("Form preview", user.getId());
        PreviewPanels.yesterdaysDemoData(port, user.getEmail(), PASSWORD, project.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");
        @SuppressWarnings("unchecked")
        Select<String> interval = _get(Select.class, spec -> spec.withLabel("Interval"));
        _setValue(interval, "day");
    }

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void previewShowsProgressThenTheFirstTwentyRowsAndTheCountWithoutSaving() {
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Fields")), "event\nproperties.$browser as browser\ninserted_at");
        PreviewPanel panel = _get(ExportFormView.class).previewPanel();

        _click(_get(Button.class, spec -> spec.withId("preview-export")));

        assertThat(panel.isLoading()).isTrue();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(PreviewPanel.LOADING_POLL_MILLIS);
        PreviewPanels.awaitLoaded(panel);
        long perDay = 24L * PreviewPanels.EVENTS_PER_HOUR;
        assertThat(panel.summary()).startsWith(perDay + " rows in ").endsWith("(UTC); showing the first 20");
        assertThat(panel.grid().getColumns()).extracting(c -> c.getKey()).containsExactly("event", "browser", "inserted_at");
        assertThat(GridKt._size(panel.grid())).isEqualTo(20);
        List<String> events = IntStream.range(0, 20).mapToObj(i -> GridKt._getFormatted(panel.grid(), i, "event")).toList();
        assertThat(events).allSatisfy(event -> assertThat(event).isNotBlank());
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
        assertThat(exports.list(project.getId())).isEmpty();
    }

    @Test
    void aPropertyFilterNarrowsTheCountThePreviewShows() {
        _click(_get(Button.class, spec -> spec.withId("preview-export")));
        PreviewPanel panel = _get(ExportFormView.class).previewPanel();
        PreviewPanels.awaitLoaded(panel);
        long all = countOf(panel.summary());

        _click(_get(Button.class, spec -> spec.withId("add-property-filter")));
        _setValue(_get(TextField.class, spec -> spec.withClasses("property-filter-key")), "$browser");
        @SuppressWarnings("unchecked")
        Select<String> operator = _get(Select.class, spec -> spec.withClasses("property-filter-operator"));
        _setValue(operator, "exact");
        _setValue(_get(TextField.class, spec -> spec.withClasses("property-filter-value")), "Safari");
        _click(_get(Button.class, spec -> spec.withId("preview-export")));
        PreviewPanels.awaitLoaded(panel);

        assertThat(countOf(panel.summary())).isPositive().isLessThan(all);
    }

    @Test
    void aBadFilterInThePreviewIsShownOnItsField() {
        _click(_get(Button.class, spec -> spec.withId("add-property-filter")));
        _setValue(_get(TextField.class, spec -> spec.withClasses("property-filter-key")), "$browser");

        _click(_get(Button.class, spec -> spec.withId("preview-export")));
        PreviewPanel panel = _get(ExportFormView.class).previewPanel();
        PreviewPanels.awaitLoaded(panel);

        @SuppressWarnings("unchecked")
        Select<String> operator = _get(Select.class, spec -> spec.withClasses("property-filter-operator"));
        assertThat(operator.isInvalid()).isTrue();
        assertThat(operator.getErrorMessage()).startsWith("filters.properties[0].operator must be one of");
        assertThat(panel.summary()).isEmpty();
    }

    private static long countOf(String summary) {
        return Long.parseLong(summary.substring(0, summary.indexOf(' ')).replace(",", ""));
    }
}
