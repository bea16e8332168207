package dev.sluice.security;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.Toasts;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

/**
 * The signed-in user's personal API keys: create one with a label (its value shown once, in a
 * dialog), see when each was created and last used, revoke one. A fresh panel per view.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PersonalApiKeysPanel extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PersonalApiKeyService keys;
    private final CurrentUser currentUser;
    private final TextField label = new TextField("Label");
    private final Grid<PersonalApiKey> grid = new Grid<>();

    PersonalApiKeysPanel(PersonalApiKeyService keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
        addClassName("api-keys-panel");
        H3 title = new H3("Your API keys");
        Paragraph about = new Paragraph("A key lets a script call the REST API as you, with the header "
                + "\"Authorization: Bearer <key>\". Its value is shown once, when it is created.");
        about.addClassName("section-description");
        add(title, about, createForm(), grid());
        refresh();
    }

    private Component createForm() {
        label.setId("key-label");
        label.setPlaceholder("e.g. Nightly reporting script");
        label.setMaxLength(100);
        label.setWidth("22rem");
        Button create = new Button("Create key", VaadinIcon.KEY.create(), click -> create());
        create.setId("create-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(label, create);
        form.addClassName("inline-form");
        return form;
    }

    private Grid<PersonalApiKey> grid() {
        grid.addClassName("keys-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(PersonalApiKey::getLabel).setHeader("Label").setKey("label").setFlexGrow(3);
        grid.addColumn(PersonalApiKey::getMaskValue).setHeader("Key").setKey("key").setFlexGrow(2);
        grid.addColumn(key -> TIME.format(key.getCreatedAt())).setHeader("Created").setKey("created").setFlexGrow(2);
        grid.addColumn(key -> key.getLastUsedAt() == null ? "Never" : TIME.format(key.getLastUsedAt()))
                .setHeader("Last used").setKey("lastUsed").setFlexGrow(2);
        grid.addComponentColumn(this::statusOrRevoke).setHeader("").setKey("actions").setFlexGrow(0).setAutoWidth(true);
        Span empty = new Span("No keys yet.");
        grid.setEmptyStateComponent(empty);
        return grid;
    }

    private Component statusOrRevoke(PersonalApiKey key) {
        if (key.getRevokedAt() != null) {
            Span revoked = new Span("Revoked " + TIME.format(key.getRevokedAt()));
            revoked.getElement().getThemeList().add("badge contrast small");
            return revoked;
        }
        Button revoke = new Button("Revoke", click -> confirmRevoke(key));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.addClassName("revoke-key");
        return revoke;
    }

    private void create() {
        try {
            PersonalApiKeyService.CreatedKey created = keys.create(currentUser.require().getId(), label.getValue());
            label.clear();
            label.setInvalid(false);
            refresh();
            showOnce(created);
            Toasts.success("Created the API key " + created.key().getLabel() + ".");
        } catch (BadRequestException e) {
            label.setErrorMessage(e.getMessage());
            label.setInvalid(true);
            Toasts.error(e);
        } catch (RuntimeException e) {
            Toasts.error(e);
        }
    }

    /** The one time the value is on screen: a dialog with a read-only field to copy it from. */
    private void showOnce(PersonalApiKeyService.CreatedKey created) {
        Dialog dialog = new Dialog();
        dialog.addClassName("new-key-dialog");
        dialog.setHeaderTitle("API key " + created.key().getLabel());
        TextField value = new TextField("Key");
        value.setId("new-key-value");
        value.setValue(created.value());
        value.setReadOnly(true);
        value.setWidthFull();
        Button copy = new Button(VaadinIcon.COPY.create(), click -> {
            UI.getCurrent().getPage().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.value());
            Toasts.success("Copied the key to the clipboard.");
        });
        copy.setAriaLabel("Copy the key");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        value.setSuffixComponent(copy);
        Paragraph warning = new Paragraph("Copy the key now: Sluice stores only its hash and cannot show it again.");
        warning.addClassName("new-key-warning");
        dialog.add(warning, value);
        dialog.setWidth("36rem");
        Button done = new Button("Done", click -> dialog.close());
        done.setId("close-new-key");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.addDialogCloseActionListener(close -> dialog.close());
        dialog.addOpenedChangeListener(change -> {
            if (!change.isOpened()) {
                value.clear();
                dialog.removeFromParent();
            }
        });
        dialog.open();
    }

    private void confirmRevoke(PersonalApiKey key) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Revoke " + key.getLabel() + "?");
        dialog.setText("Requests with the key " + key.getMaskValue() + " are refused from now on. This cannot be undone.");
        dialog.setConfirmText("Revoke");
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.addConfirmListener(confirm -> {
            try {
                keys.revoke(currentUser.require().getId(), key.getId());
                Toasts.success("Revoked the API key " + key.getLabel() + ".");
            } catch (RuntimeException e) {
                Toasts.error(e);
            }
            refresh();
        });
        dialog.open();
    }

    private void refresh() {
        grid.setItems(keys.list(currentUser.require().getId()));
    }
}
