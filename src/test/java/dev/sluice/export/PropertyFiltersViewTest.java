package dev.sluice.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.common.Ids;
import dev.sluice.destination.DestinationType;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportFilters.PropertyFilter;
import dev.sluice.ui.SpringMockVaadin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The property-filter editor of the export form: filters added, kept on edit, removed, and the server's messages on their fields. */
@SluiceIntegrationTest
class PropertyFiltersViewTest {

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
    @Autowired
    ObjectMapper json;

    AppUser user;
    Project project;

    @BeforeEach
    void signIn() {
        user = users.create("filters-" + Ids.token("", 8).toLowerCase() + "@sluice.test", PASSWORD, false);
        project = projects.create("Property filters", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
    }

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void anAddedFilterIsSavedAndTheApiShowsIt() {
        UI.getCurrent().navigate("exports/new");
        filesExport("Chrome and Firefox only");
        addFilter("$browser", "exact", "Chrome, Firefox");
        addFilter("$current_url", "icontains", "/pricing");
        save();

        BatchExport saved = exports.list(project.getId()).get(0);
        JsonNode api = TestApi.basic(port, user.getEmail(), PASSWORD)
                .get("/api/projects/" + project.getId() + "/batch_exports/" + saved.getId()).body();
        assertThat(api.get("filters").get("properties")).isEqualTo(json.valueToTree(List.of(
                Map.of("key", "$browser", "operator", "exact", "value", List.of("Chrome", "Firefox")),
                Map.of("key", "$current_url", "operator", "icontains", "value", "/pricing"))));
    }

    @Test
    void editingKeepsStoredFiltersAsTheyWereAndARemovedOneIsGone() {
        BatchExport export = exports.create(project.getId(), new ExportDraft("Typed filters", "Files", Map.of("path", "typed"), "hour",
                null, null, null, null, new ExportFilters(List.of("purchase"), null, List.of(
                        new PropertyFilter("amount", "exact", 42), new PropertyFilter("plan", "is_set", null))), true, null, null));
        UI.getCurrent().navigate("exports/" + export.getId() + "/edit");

        assertThat(_find(TextField.class, spec -> spec.withClasses("property-filter-key"))).extracting(TextField::getValue)
                .containsExactly("amount", "plan");
        assertThat(_find(TextField.class, spec -> spec.withClasses("property-filter-value")).get(0).getValue()).isEqualTo("42");
        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), "Typed filters, renamed");
        save();

        ExportFilters kept = exports.get(project.getId(), export.getId()).getFilters();
        assertThat(kept.properties()).containsExactly(new PropertyFilter("amount", "exact", 42), new PropertyFilter("plan", "is_set", null));
        assertThat(kept.includeEvents()).containsExactly("purchase");

        UI.getCurrent().navigate("exports/" + export.getId() + "/edit");
        _click(_find(Button.class, spec -> spec.withClasses("remove-property-filter")).get(1));
        save();

        assertThat(exports.get(project.getId(), export.getId()).getFilters().properties())
                .containsExactly(new PropertyFilter("amount", "exact", 42));
    }

    @Test
    void aMissingOperatorAndThenAMissingValueAreShownOnTheirFields() {
        UI.getCurrent().navigate("exports/new");
        filesExport("Unfinished filter");
        _click(_get(Button.class, spec -> spec.withId("add-property-filter")));
        _setValue(_get(TextField.class, spec -> spec.withClasses("property-filter-key")), "$browser");
        save();

        Select<String> operator = operator(0);
        assertThat(operator.isInvalid()).isTrue();
        assertThat(operator.getErrorMessage())
                .isEqualTo("filters.properties[0].operator must be one of exact, is_not, icontains, is_set, is_not_set.");

        _setValue(operator, "exact");
        save();

        TextField value = _get(TextField.class, spec -> spec.withClasses("property-filter-value"));
        assertThat(operator.isInvalid()).isFalse();
        assertThat(value.isInvalid()).isTrue();
        assertThat(value.getErrorMessage()).isEqualTo("filters.properties[0].value is required for operator exact.");
        assertThat(exports.list(project.getId())).isEmpty();
    }

    private void filesExport(String name) {
        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), name);
        @SuppressWarnings("unchecked")
        Select<DestinationType> type = _get(Select.class, spec -> spec.withId("destination-type"));
        _setValue(type, DestinationType.FILES);
        _setValue(_get(TextField.class, spec -> spec.withId("config-path")), "filters-" + Ids.token("", 6));
    }

    private static void addFilter(String key, String operator, String value) {
        _click(_get(Button.class, spec -> spec.withId("add-property-filter")));
        int row = _find(TextField.class, spec -> spec.withClasses("property-filter-key")).size() - 1;
        _setValue(_find(TextField.class, spec -> spec.withClasses("property-filter-key")).get(row), key);
        _setValue(operator(row), operator);
        _setValue(_find(TextField.class, spec -> spec.withClasses("property-filter-value")).get(row), value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Select<String> operator(int row) {
        List<Select> operators = _find(Select.class, spec -> spec.withClasses("property-filter-operator"));
        return operators.get(row);
    }

    private static void save() {
        _click(_get(Button.class, spec -> spec.withId("save-export")));
    }
}
