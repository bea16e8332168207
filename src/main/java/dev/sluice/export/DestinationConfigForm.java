package dev.sluice.export;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.destination.DestinationType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The config fields of one destination type. On edit, secret fields start empty and read
 * "unchanged": left empty, the stored secret is kept (the service merges omitted secrets).
 */
class DestinationConfigForm extends FormLayout {

    private static final String NONE = "";

    private final Map<ConfigField, Component> fields = new LinkedHashMap<>();
    private final boolean editing;

    DestinationConfigForm(DestinationType type, Map<String, Object> stored, boolean editing) {
        this.editing = editing;
        addClassName("destination-config");
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
        for (ConfigField field : ConfigField.BY_TYPE.get(type)) {
            Component component = create(field, stored.get(field.key()));
            component.setId("config-" + field.key());
            fields.put(field, component);
            add(component);
        }
    }

    private Component create(ConfigField field, Object stored) {
        return switch (field.kind()) {
            case TEXT -> {
                TextField text = new TextField(field.label());
                text.setRequiredIndicatorVisible(field.required());
                text.setValue(stored == null ? "" : stored.toString());
                helper(text, field.helper());
                yield text;
            }
            case NUMBER -> {
                IntegerField number = new IntegerField(field.label());
                number.setMin(1);
                if (stored instanceof Number n) {
                    number.setValue(n.intValue());
                }
                helper(number, field.helper());
                yield number;
            }
            case SECRET -> {
                PasswordField secret = new PasswordField(field.label());
                if (editing) {
                    secret.setPlaceholder("unchanged");
                    secret.setHelperText("Leave empty to keep the stored value");
                }
                yield secret;
            }
            case CHOICE -> {
                Select<String> choice = new Select<>();
                choice.setLabel(field.label());
                choice.setItems(concat(field));
                choice.setItemLabelGenerator(value -> value.isEmpty() ? "None" : value);
                choice.setValue(stored == null ? NONE : stored.toString());
                helper(choice, field.helper());
                yield choice;
            }
            case FLAG -> {
                Checkbox flag = new Checkbox(field.label());
                flag.setValue(Boolean.TRUE.equals(stored));
                yield flag;
            }
        };
    }

    private static java.util.List<String> concat(ConfigField field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        values.add(NONE);
        values.addAll(field.choices());
        return values;
    }

    private static void helper(Component component, String helper) {
        if (helper != null && component instanceof com.vaadin.flow.component.HasHelper h) {
            h.setHelperText(helper);
        }
    }

    /**
     * The config to send. Creating, empty fields are left out. Editing, a cleared field is sent as
     * null so it is cleared, and an empty secret is left out so the stored one is kept.
     */
    Map<String, Object> value() {
        Map<String, Object> config = new LinkedHashMap<>();
        fields.forEach((field, component) -> {
            Object value = ((AbstractField<?, ?>) component).getValue();
            boolean empty = value == null || value instanceof String s && s.isBlank();
            if (value instanceof String s) {
                value = s.strip();
            }
            if (field.kind() == ConfigField.Kind.FLAG) {
                config.put(field.key(), value);
            } else if (!empty) {
                config.put(field.key(), value);
            } else if (editing && field.kind() != ConfigField.Kind.SECRET) {
                config.put(field.key(), null);
            }
        });
        return config;
    }

    /** Marks the field of {@code key} invalid with {@code message}; false when there is no such field. */
    boolean showError(String key, String message) {
        Optional<Component> match = fields.entrySet().stream().filter(e -> e.getKey().key().equals(key)).map(Map.Entry::getValue).findFirst();
        match.ifPresent(component -> {
            if (component instanceof HasValidation v) {
                v.setErrorMessage(message);
                v.setInvalid(true);
            }
        });
        return match.isPresent();
    }

    void clearErrors() {
        fields.values().forEach(component -> {
            if (component instanceof HasValidation v) {
                v.setInvalid(false);
            }
        });
    }

    Component field(String key) {
        return fields.entrySet().stream().filter(e -> e.getKey().key().equals(key)).map(Map.Entry::getValue).findFirst().orElseThrow();
    }
}
