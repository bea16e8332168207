package dev.sluice.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.project.AdminView;
import dev.sluice.project.ProjectRole;
import dev.sluice.ui.SpringMockVaadin;
import dev.sluice.ui.SpringMockVaadin.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class ApiKeysViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    PersonalApiKeyService keys;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void creatingAKeyShowsItsValueOnceAndTheListThenShowsItWithoutTheValue() {
        Member viewer = SpringMockVaadin.signedInMember(context, "Scripts", ProjectRole.VIEWER);
        UI.getCurrent().navigate(ApiKeysView.class);

        HasValueUtilsKt._setValue(_get(TextField.class, spec -> spec.withId("key-label")), "Nightly report");
        _click(_get(Button.class, spec -> spec.withId("create-key")));

        String value = _get(TextField.class, spec -> spec.withId("new-key-value")).getValue();
        assertThat(value).startsWith("phx_");
        assertThat(keys.authenticate(value)).map(AppUser::getEmail).contains(viewer.user().getEmail());
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .contains("Created the API key Nightly report.");
        _click(_get(Button.class, spec -> spec.withId("close-new-key")));

        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(_find(TextField.class, spec -> spec.withId("new-key-value"))).isEmpty();
        Grid<PersonalApiKey> grid = keysGrid();
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._getFormatted(grid, 0, "label")).isEqualTo("Nightly report");
        assertThat(GridKt._getFormatted(grid, 0, "key")).startsWith("phx_").contains("…").isNotEqualTo(value);
        assertThat(GridKt._getFormatted(grid, 0, "created")).endsWith("UTC");
        assertThat(GridKt._getFormatted(grid, 0, "lastUsed")).isEqualTo("Never");
        assertThat(BasicUtilsKt.get_textRecursively(UI.getCurrent())).doesNotContain(value);

        UI.getCurrent().navigate(ApiKeysView.class);
        assertThat(BasicUtilsKt.get_textRecursively(UI.getCurrent())).doesNotContain(value);
        assertThat(_find(TextField.class, spec -> spec.withId("new-key-value"))).isEmpty();
    }

    @Test
    void revokingAKeyAsksFirstThenTheKeyNoLongerWorks() {
        Member editor = SpringMockVaadin.signedInMember(context, "Revocations", ProjectRole.EDITOR);
        PersonalApiKeyService.CreatedKey created = keys.create(editor.user().getId(), "Old laptop");
        UI.getCurrent().navigate(ApiKeysView.class);

        _click((Button) GridKt._getCellComponent(keysGrid(), 0, "actions"));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(dialog)).isEqualTo("Revoke Old laptop?");
        assertThat(ConfirmDialogKt.getText(dialog)).contains(created.key().getMaskValue());
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(keys.authenticate(created.value())).isEmpty();
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .contains("Revoked the API key Old laptop.");
        assertThat(BasicUtilsKt.get_textRecursively(GridKt._getCellComponent(keysGrid(), 0, "actions"))).startsWith("Revoked ");
    }

    @Test
    void aKeyNeedsALabel() {
        SpringMockVaadin.signedInMember(context, "Unlabelled", ProjectRole.VIEWER);
        UI.getCurrent().navigate(ApiKeysView.class);

        _click(_get(Button.class, spec -> spec.withId("create-key")));

        TextField label = _get(TextField.class, spec -> spec.withId("key-label"));
        assertThat(label.isInvalid()).isTrue();
        assertThat(label.getErrorMessage()).isEqualTo("label is required.");
        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(GridKt._size(keysGrid())).isZero();
    }

    @Test
    void projectAdminsFindTheirKeysOnTheAdminPage() {
        Member admin = SpringMockVaadin.signedInMember(context, "Admin keys", ProjectRole.ADMIN);
        keys.create(admin.user().getId(), "Terraform");
        UI.getCurrent().navigate(AdminView.class);

        assertThat(_get(PersonalApiKeysPanel.class)).isNotNull();
        assertThat(GridKt._getFormatted(keysGrid(), 0, "label")).isEqualTo("Terraform");
    }

    @SuppressWarnings("unchecked")
    private static Grid<PersonalApiKey> keysGrid() {
        return _get(Grid.class, spec -> spec.withClasses("keys-grid"));
    }
}
