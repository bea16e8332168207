package dev.sluice.export;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.sluice.source.ExportFilters.PropertyFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Edits an export's property filters ({@code filters.properties}): one row per filter with a key,
 * an operator and a value, rows added and removed at will. A value the row loaded and the person
 * left alone is saved as it was (a number stays a number, a list a list); a typed value is text,
 * and for "equals" and "does not equal" a comma-separated text is a list of values.
 */
class PropertyFiltersEditor extends Div {

    static final Map<String, String> OPERATORS = operators();

    private final Div rows = new Div();
    private final List<FilterRow> filters = new ArrayList<>();

    PropertyFiltersEditor() {
        addClassName("property-filters");
        rows.addClassName("property-filter-rows");
        Button add = new Button("Add property filter", VaadinIcon.PLUS.create(), click -> addRow(null));
        add.setId("add-property-filter");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add(rows, add);
    }

    private static Map<String, String> operators() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("exact", "equals");
        labels.put("is_not", "does not equal");
        labels.put("icontains", "contains (any case)");
        labels.put("is_set", "is set");
        labels.put("is_not_set", "is not set");
        return labels;
    }

    void setFilters(List<PropertyFilter> stored) {
        rows.removeAll();
        filters.clear();
        if (stored != null) {
            stored.forEach(this::addRow);
        }
    }

    /** The filters as the API takes them, rows left wholly empty skipped; null when there are none. */
    List<PropertyFilter> value() {
        List<PropertyFilter> value = filters.stream().filter(row -> !row.isBlank()).map(FilterRow::value).toList();
        return value.isEmpty() ? null : value;
    }

    /**
     * Marks the field of filter {@code index} (counted as {@link #value()} counts) that
     * {@code part} names ({@code key}, {@code operator} or {@code value}); false when there is none.
     */
    boolean showError(int index, String part, String message) {
        List<FilterRow> sent = filters.stream().filter(row -> !row.isBlank()).toList();
        if (index < 0 || index >= sent.size()) {
            return false;
        }
        FilterRow row = sent.get(index);
        HasValidation field = switch (part) {
            case "key" -> row.key;
            case "operator" -> row.operator;
            case "value" -> row.value;
            default -> null;
        };
        if (field == null) {
            return false;
        }
        field.setErrorMessage(message);
        field.setInvalid(true);
        return true;
    }

    void clearErrors() {
        filters.forEach(row -> {
            row.key.setInvalid(false);
            row.operator.setInvalid(false);
            row.value.setInvalid(false);
        });
    }

    private void addRow(PropertyFilter stored) {
        FilterRow row = new FilterRow(stored);
        filters.add(row);
        rows.add(row.layout);
    }

    private void remove(FilterRow row) {
        filters.remove(row);
        rows.remove(row.layout);
    }

    /** One filter's fields; {@code loaded} is the stored value and {@code loadedText} how it was shown. */
    private final class FilterRow {

        final TextField key = new TextField("Property");
        final Select<String> operator = new Select<>();
        final TextField value = new TextField("Value");
        final Div layout;
        final Object loaded;
        final String loadedText;

        FilterRow(PropertyFilter stored) {
            int n = filters.size();
            key.setPlaceholder("$browser");
            key.addClassName("property-filter-key");
            operator.setLabel("Operator");
            operator.setItems(OPERATORS.keySet());
            operator.setItemLabelGenerator(op -> OPERATORS.getOrDefault(op, op));
            operator.setPlaceholder("Choose");
            operator.addClassName("property-filter-operator");
            value.addClassName("property-filter-value");
            value.setHelperText("Several values: separate them with commas");
            operator.addValueChangeListener(change -> value.setEnabled(needsValue(change.getValue())));
            loaded = stored == null ? null : stored.value();
            loadedText = text(loaded);
            if (stored != null) {
                key.setValue(stored.key() == null ? "" : stored.key());
                if (stored.operator() != null && OPERATORS.containsKey(stored.operator())) {
                    operator.setValue(stored.operator());
                }
                value.setValue(loadedText);
            }
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> remove(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove this filter");
            remove.addClassName("remove-property-filter");
            layout = new Div(key, operator, value, remove);
            layout.addClassName("property-filter");
            layout.setId("property-filter-" + n);
        }

        boolean isBlank() {
            return key.getValue().isBlank() && operator.getValue() == null && value.getValue().isBlank();
        }

        PropertyFilter value() {
            String op = operator.getValue();
            return new PropertyFilter(key.getValue().strip(), op, needsValue(op) ? typedValue(op) : null);
        }

        private Object typedValue(String op) {
            String text = value.getValue().strip();
            if (text.equals(loadedText) && loaded != null) {
                return loaded;
            }
            if (text.isEmpty()) {
                return null;
            }
            if ("exact".equals(op) || "is_not".equals(op)) {
                List<String> values = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                return values.size() == 1 ? values.get(0) : values;
            }
            return text;
        }
    }

    private static boolean needsValue(String operator) {
        return !"is_set".equals(operator) && !"is_not_set".equals(operator);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> Objects.toString(v, "")).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
