package dev.sluice.export;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.common.Ids;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.snowflake.TestKeys;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import dev.sluice.source.ExportSchema;
import dev.sluice.ui.SpringMockVaadin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class ExportFormViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ExportService exports;
    @Autowired
    DestinationConfigs configs;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void aMissingNameAndAMissingDirectoryAreShownOnTheirOwnFields() {
        AppUser user = newUser();
        Project project = projects.create("Form errors", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");

        chooseType(DestinationType.FILES);
        save();

        TextField name = _get(TextField.class, spec -> spec.withId("export-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("name is required.");

        _setValue(name, "Nightly files");
        save();

        assertThat(name.isInvalid()).isFalse();
        TextField path = _get(TextField.class, spec -> spec.withId("config-path"));
        assertThat(path.isInvalid()).isTrue();
        assertThat(path.getErrorMessage()).isEqualTo("destination.config.path is required for Files.");
        assertThat(exports.list(project.getId())).isEmpty();
    }

    @Test
    void aBadFieldExpressionIsShownOnTheFieldsBox() {
        AppUser user = newUser();
        projects.create("Schema errors", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");
        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), "Bad schema");
        chooseType(DestinationType.FILES);
        _setValue(_get(TextField.class, spec -> spec.withId("config-path")), "bad-schema");
        TextArea fields = _get(TextArea.class, spec -> spec.withLabel("Fields"));
        _setValue(fields, "event\n1 + 1 as two");

        save();

        assertThat(fields.isInvalid()).isTrue();
        assertThat(fields.getErrorMessage()).contains("schema.fields[1].expression");
    }

    @Test
    void savingCreatesTheExportThroughTheServiceAndOpensItsDetail() {
        AppUser user = newUser();
        Project project = projects.create("Form create", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");

        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), "Daily events as CSV");
        chooseType(DestinationType.FILES);
        _setValue(_get(TextField.class, spec -> spec.withId("config-path")), "form/daily");
        @SuppressWarnings("unchecked")
        Select<String> format = _get(Select.class, spec -> spec.withId("config-file_format"));
        _setValue(format, "CSV");
        @SuppressWarnings("unchecked")
        Select<String> interval = _get(Select.class, spec -> spec.withLabel("Interval"));
        _setValue(interval, "day");
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Fields")), "event\nproperties.$browser as browser");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Leave out these events")), "$pageleave, $autocapture");
        save();

        List<BatchExport> saved = exports.list(project.getId());
        assertThat(saved).hasSize(1);
        BatchExport export = saved.get(0);
        assertThat(export.getName()).isEqualTo("Daily events as CSV");
        assertThat(export.getInterval().apiValue()).isEqualTo("day");
        assertThat(export.getSchema().fields()).containsExactly(new ExportSchema.Field("event", null),
                new ExportSchema.Field("properties.$browser", "browser"));
        assertThat(export.getFilters().excludeEvents()).containsExactly("$pageleave", "$autocapture");
        assertThat(configs.decrypt(export.getDestination())).containsEntry("path", "form/daily").containsEntry("file_format", "CSV")
                .doesNotContainKey("compression");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("exports/" + export.getId());
    }

    @Test
    void editingShowsSecretsAsUnchangedAndAnUntouchedSecretKeepsItsStoredValue() {
        AppUser user = newUser();
        Project project = projects.create("Form edit", user.getId());
        BatchExport export = exports.create(project.getId(), new ExportDraft("Warehouse", "Postgres",
                Map.of("host", "db.internal", "database", "analytics", "user", "sluice", "table_name", "events",
                        "password", "s3cret-value"), "hour", null, null, null, null, null, true, null, null));
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/" + export.getId() + "/edit");

        PasswordField password = _get(PasswordField.class, spec -> spec.withId("config-password"));
        assertThat(password.getValue()).isEmpty();
        assertThat(password.getPlaceholder()).isEqualTo("unchanged");
        TextField host = _get(TextField.class, spec -> spec.withId("config-host"));
        assertThat(host.getValue()).isEqualTo("db.internal");
        _setValue(host, "db2.internal");
        save();

        Map<String, Object> stored = configs.decrypt(exports.get(project.getId(), export.getId()).getDestination());
        assertThat(stored).containsEntry("host", "db2.internal").containsEntry("password", "s3cret-value");
        assertThat(exports.get(project.getId(), export.getId()).isPaused()).isTrue();
    }

    @Test
    void aSnowflakeExportWithAKeyPairIsCreatedFromTheFormAndABadAccountIsShownOnItsField() {
        AppUser user = newUser();
        Project project = projects.create("Form snowflake", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");
        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), "Warehouse");
        chooseType(DestinationType.SNOWFLAKE);
        Map.of("account", "https://xy 12345", "user", "loader", "database", "analytics", "schema", "public", "warehouse", "loading",
                "table_name", "events").forEach((key, value) -> _setValue(_get(TextField.class, spec -> spec.withId("config-" + key)), value));
        // a PasswordField is one line: the pasted PEM arrives without its line breaks
        _setValue(_get(PasswordField.class, spec -> spec.withId("config-private_key")), TestKeys.ENCRYPTED_PEM.replace("\n", ""));
        _setValue(_get(PasswordField.class, spec -> spec.withId("config-private_key_passphrase")), TestKeys.PASSPHRASE);
        save();

        TextField account = _get(TextField.class, spec -> spec.withId("config-account"));
        assertThat(account.isInvalid()).isTrue();
        assertThat(account.getErrorMessage()).startsWith("destination.config.account must be a Snowflake account identifier");
        assertThat(exports.list(project.getId())).isEmpty();

        _setValue(account, "xy12345.eu-central-1");
        save();

        BatchExport export = exports.list(project.getId()).get(0);
        Map<String, Object> stored = configs.decrypt(export.getDestination());
        assertThat(stored).containsEntry("account", "xy12345.eu-central-1").containsEntry("private_key_passphrase", TestKeys.PASSPHRASE)
                .doesNotContainKey("password");
        assertThat(stored.get("private_key").toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    @Test
    void testConnectionShowsEachStepBeforeSaving() {
        AppUser user = newUser();
        Project project = projects.create("Form test", user.getId());
        SpringMockVaadin.signedInAs(context, user.getEmail());
        UI.getCurrent().navigate("exports/new");
        _setValue(_get(TextField.class, spec -> spec.withId("export-name")), "Checked first");
        chooseType(DestinationType.FILES);
        _setValue(_get(TextField.class, spec -> spec.withId("config-path")), "form/checked");

        _click(_get(Button.class, spec -> spec.withId("test-connection")));

        String steps = BasicUtilsKt.get_textRecursively(_get(ExportFormView.class));
        List<String> stepNames = _find(com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("step-name"))
                .stream().map(com.vaadin.flow.component.html.Span::getText).toList();
        assertThat(stepNames).isNotEmpty();
        assertThat(_find(com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("step-failed"))).isEmpty();
        assertThat(steps).contains(stepNames.get(0));
        assertThat(exports.list(project.getId())).isEmpty();
    }

    @Test
    void aViewerIsToldTheFormNeedsTheEditorRole() {
        AppUser owner = newUser();
        AppUser viewer = newUser();
        Project project = projects.create("Form viewer", owner.getId());
        projects.setMember(project.getId(), viewer.getId(), ProjectRole.VIEWER);
        SpringMockVaadin.signedInAs(context, viewer.getEmail());
        UI.getCurrent().navigate("exports/new");

        assertThat(_find(Button.class, spec -> spec.withId("save-export"))).isEmpty();
        assertThat(BasicUtilsKt.get_textRecursively(_get(ExportFormView.class))).contains("needs the EDITOR role");
    }

    @SuppressWarnings("unchecked")
    private static void chooseType(DestinationType type) {
        _setValue((Select<DestinationType>) _get(Select.class, spec -> spec.withId("destination-type")), type);
    }

    private static void save() {
        _click(_get(Button.class, spec -> spec.withId("save-export")));
    }

    private AppUser newUser() {
        return users.create("form-" + Ids.token("", 8).toLowerCase() + "@sluice.test", "a-long-password", false);
    }
}
