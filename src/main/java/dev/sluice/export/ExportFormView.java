package dev.sluice.export;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.ExportInterval;
import dev.sluice.common.NotFoundException;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.destination.DestinationType;
import dev.sluice.project.CurrentProject;
import dev.sluice.project.ProjectPermissions;
import dev.sluice.project.ProjectRole;
import dev.sluice.project.ProjectService.ProjectAccess;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportSchema;
import jakarta.annotation.security.PermitAll;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates an export ({@code exports/new}) or edits one ({@code exports/<id>/edit}): the destination
 * type first, then that type's config, then when and what to export. Errors of the service land on
 * the field they name; a connection test shows each step before anything is saved.
 */
@Route("exports/new")
@RouteAlias("exports/:exportId/edit")
@PageTitle("Export · Sluice")
@PermitAll
public class ExportFormView extends VerticalLayout implements BeforeEnterObserver {

    private static final Pattern PROPERTY_FILTER_ATTR = Pattern.compile("filters\\.properties\\[(\\d+)]\\.(key|operator|value)");

    private final CurrentProject currentProject;
    private final ExportService exports;
    private final ProjectPermissions permissions;
    private final DestinationConfigs configs;
    private final DestinationCheck check;
    private final ExportPreview preview;

    private final TextField name = new TextField("Name");
    private final Select<DestinationType> type = new Select<>();
    private final Div configHolder = new Div();
    private final Select<String> interval = new Select<>();
    private final IntegerField offsetMinutes = new IntegerField("Offset (minutes)");
    private final ComboBox<String> timezone = new ComboBox<>("Time zone");
    private final Select<String> model = new Select<>();
    private final TextArea fields = new TextArea("Fields");
    private final TextField includeEvents = new TextField("Only these events");
    private final TextField excludeEvents = new TextField("Leave out these events");
    private final PropertyFiltersEditor propertyFilters = new PropertyFiltersEditor();
    private final PreviewPanel previewPanel = new PreviewPanel();
    private final Checkbox startPaused = new Checkbox("Start paused");
    private final Div testResult = new Div();

    private UUID projectId;
    private BatchExport editing;
    private DestinationConfigForm config;

    ExportFormView(CurrentProject currentProject, ExportService exports, ProjectPermissions permissions,
                   DestinationConfigs configs, DestinationCheck check, ExportPreview preview) {
        this.currentProject = currentProject;
        this.exports = exports;
        this.permissions = permissions;
        this.configs = configs;
        this.check = check;
        this.preview = preview;
        addClassName("export-form-view");
        setPadding(false);
        setDefaultHorizontalComponentAlignment(Alignment.STRETCH);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<ProjectAccess> access = currentProject.get();
        if (access.isEmpty() || !access.get().role().atLeast(ProjectRole.EDITOR)) {
            add(message("You cannot change exports here", "Editing exports needs the EDITOR role in the current project."));
            return;
        }
        projectId = access.get().project().getId();
        Optional<String> id = event.getRouteParameters().get("exportId");
        if (id.isPresent()) {
            try {
                editing = exports.get(projectId, UUID.fromString(id.get()));
            } catch (IllegalArgumentException | NotFoundException e) {
                add(message("Export not found", "There is no export " + id.get() + " in this project."));
                return;
            }
        }
        build();
    }

    private void build() {
        H2 title = new H2(editing == null ? "New export" : "Edit " + editing.getName());
        Paragraph subtitle = new Paragraph(editing == null
                ? "Pick where the data goes, then what to send and how often."
                : "Secrets are not shown; leave them empty to keep them.");
        subtitle.addClassName("view-description");
        Div header = new Div(title, subtitle);
        header.addClassName("view-header");

        type.setLabel("Destination type");
        type.setItems(DestinationType.values());
        type.setItemLabelGenerator(DestinationType::apiValue);
        type.setId("destination-type");
        type.setPlaceholder("Choose a destination");
        type.addValueChangeListener(change -> showConfig(change.getValue()));
        name.setId("export-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(200);

        interval.setLabel("Interval");
        interval.setId("interval");
        interval.setItems(Arrays.stream(ExportInterval.values()).map(ExportInterval::apiValue).toList());
        interval.setItemLabelGenerator(ExportFormView::intervalLabel);
        offsetMinutes.setMin(0);
        offsetMinutes.setHelperText("Shifts every interval, e.g. 120 on a daily export starts days at 02:00");
        timezone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        model.setLabel("Model");
        model.setItems("events", "persons");
        model.setItemLabelGenerator(value -> value.equals("events") ? "Events" : "Persons");
        fields.setHelperText("One per line: an expression, optionally 'as alias' (properties.$browser as browser). Empty: the model's default fields.");
        fields.setPlaceholder("event\ndistinct_id\nproperties.$browser as browser");
        includeEvents.setHelperText("Comma-separated event names; empty for all");
        excludeEvents.setHelperText("Comma-separated event names");

        FormLayout destination = section(type, name);
        configHolder.addClassName("config-holder");
        FormLayout schedule = section(interval, offsetMinutes, timezone, model);
        FormLayout data = section(fields, includeEvents, excludeEvents);
        data.setColspan(fields, 2);
        Span filtersLabel = new Span("Property filters: only rows whose properties match all of these");
        filtersLabel.addClassName("property-filters-label");

        fill();

        Button test = new Button("Test connection", VaadinIcon.CONNECT.create(), click -> testConnection());
        test.setId("test-connection");
        Button save = new Button(editing == null ? "Create export" : "Save changes", click -> save());
        save.setId("save-export");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> UI.getCurrent().navigate(editing == null ? "exports" : "exports/" + editing.getId()));
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button previewButton = new Button("Preview", VaadinIcon.TABLE.create(), click -> startPreview());
        previewButton.setId("preview-export");
        Div actions = new Div(save, test, previewButton, cancel);
        actions.addClassName("form-actions");
        testResult.addClassName("connection-steps");

        Div card = new Div(heading("Destination"), destination, configHolder, heading("Schedule"), schedule,
                heading("Data"), data, filtersLabel, propertyFilters);
        if (editing == null) {
            card.add(startPaused);
        }
        card.add(testResult, actions);
        card.addClassName("form-card");
        previewPanel.setId("export-preview");
        add(header, card, previewPanel);
    }

    private void fill() {
        if (editing == null) {
            interval.setValue("hour");
            offsetMinutes.setValue(0);
            timezone.setValue("UTC");
            model.setValue("events");
            return;
        }
        name.setValue(editing.getName());
        type.setValue(editing.getDestination().getType());
        interval.setValue(editing.getInterval().apiValue());
        offsetMinutes.setValue(editing.getIntervalOffset() / 60);
        timezone.setValue(editing.getTimezone());
        model.setValue(editing.getModel().apiValue());
        ExportSchema schema = editing.getSchema();
        if (schema != null && schema.fields() != null) {
            fields.setValue(schema.fields().stream().map(f -> f.alias() == null ? f.expression() : f.expression() + " as " + f.alias())
                    .collect(Collectors.joining("\n")));
        }
        ExportFilters filters = editing.getFilters();
        if (filters != null) {
            includeEvents.setValue(filters.includeEvents() == null ? "" : String.join(", ", filters.includeEvents()));
            excludeEvents.setValue(filters.excludeEvents() == null ? "" : String.join(", ", filters.excludeEvents()));
            propertyFilters.setFilters(filters.properties());
        }
    }

    private void showConfig(DestinationType chosen) {
        configHolder.removeAll();
        testResult.removeAll();
        if (chosen == null) {
            config = null;
            return;
        }
        boolean sameType = editing != null && chosen == editing.getDestination().getType();
        config = new DestinationConfigForm(chosen, sameType ? configs.redacted(editing.getDestination()) : Map.of(), sameType);
        configHolder.add(config);
    }

    ExportDraft draft() {
        ExportSchema schema = fields.getValue().isBlank() ? null : new ExportSchema(fields.getValue().lines()
                .map(String::strip).filter(line -> !line.isEmpty()).map(ExportFormView::field).toList());
        List<String> include = names(includeEvents.getValue());
        List<String> exclude = names(excludeEvents.getValue());
        List<ExportFilters.PropertyFilter> properties = propertyFilters.value();
        ExportFilters filters = include == null && exclude == null && properties == null
                ? null : new ExportFilters(include, exclude, properties);
        Integer offset = offsetMinutes.getValue() == null ? 0 : offsetMinutes.getValue() * 60;
        Boolean paused = editing != null ? editing.isPaused() : startPaused.getValue();
        return new ExportDraft(name.getValue(), type.getValue() == null ? null : type.getValue().apiValue(),
                config == null ? null : config.value(), interval.getValue(), offset, timezone.getValue(), model.getValue(),
                schema, filters, paused, editing == null ? null : editing.getStartAt(), editing == null ? null : editing.getEndAt());
    }

    private static ExportSchema.Field field(String line) {
        String[] parts = line.split("\\s+as\\s+", 2);
        return new ExportSchema.Field(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null);
    }

    private static List<String> names(String text) {
        List<String> names = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return names.isEmpty() ? null : names;
    }

    private void save() {
        clearErrors();
        try {
            permissions.requireEditor(projectId);
            BatchExport saved = editing == null ? exports.create(projectId, draft()) : exports.update(projectId, editing.getId(), draft());
            notify((editing == null ? "Created " : "Saved ") + saved.getName() + ".", NotificationVariant.LUMO_SUCCESS);
            UI.getCurrent().navigate("exports/" + saved.getId());
        } catch (BadRequestException e) {
            showError(e);
        } catch (RuntimeException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    /** Shows the first rows the draft would export for its last complete interval; nothing is saved. */
    private void startPreview() {
        clearErrors();
        try {
            permissions.requireEditor(projectId);
        } catch (RuntimeException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            return;
        }
        ExportDraft draft = draft();
        ZoneId zone;
        try {
            zone = ZoneId.of(draft.timezone() == null ? "UTC" : draft.timezone());
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        previewPanel.show(preview.ofDraftLater(projectId, draft), zone, this::showError);
    }

    private void testConnection() {
        clearErrors();
        testResult.removeAll();
        try {
            ExportDraft draft = draft();
            exports.check(editing == null ? draft : withStoredSecrets(draft));
            DestinationType chosen = type.getValue();
            Map<String, Object> full = editing == null ? draft.destinationConfig()
                    : configs.merge(editing.getDestination(), chosen, draft.destinationConfig());
            DestinationCheck.Steps steps = check.run(chosen, full);
            steps.steps().forEach(step -> testResult.add(step(step)));
            boolean passed = steps.steps().stream().allMatch(step -> step.result().equals("passed"));
            notify(passed ? "The connection works." : "The connection test failed; see the steps above the buttons.",
                    passed ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        } catch (BadRequestException e) {
            showError(e);
        }
    }

    private ExportDraft withStoredSecrets(ExportDraft draft) {
        if (draft.destinationType() == null || draft.destinationConfig() == null) {
            return draft;
        }
        return new ExportDraft(draft.name(), draft.destinationType(),
                configs.merge(editing.getDestination(), type.getValue(), draft.destinationConfig()), draft.interval(),
                draft.intervalOffset(), draft.timezone(), draft.model(), draft.schema(), draft.filters(), draft.paused(),
                draft.startAt(), draft.endAt());
    }

    private static Component step(DestinationCheck.Step step) {
        boolean passed = step.result().equals("passed");
        Span icon = new Span((passed ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CLOSE_CIRCLE).create());
        icon.addClassName(passed ? "step-passed" : "step-failed");
        Span stepName = new Span(step.name());
        stepName.addClassName("step-name");
        Span message = new Span(step.message() == null ? "" : step.message());
        message.addClassName("step-message");
        Div row = new Div(icon, stepName, message);
        row.addClassName("connection-step");
        return row;
    }

    /** Puts the service's sentence on the field its attribute names, or shows it when no field matches. */
    private void showError(BadRequestException e) {
        String attr = e.attr() == null ? "" : e.attr();
        Matcher filter = PROPERTY_FILTER_ATTR.matcher(attr);
        if (filter.matches() && propertyFilters.showError(Integer.parseInt(filter.group(1)), filter.group(2), e.getMessage())) {
            notify("Please correct the marked field.", NotificationVariant.LUMO_ERROR);
            return;
        }
        HasValidation target = switch (attr.contains("[") ? attr.substring(0, attr.indexOf('[')) : attr) {
            case "name" -> name;
            case "destination.type" -> type;
            case "interval" -> interval;
            case "interval_offset" -> offsetMinutes;
            case "timezone" -> timezone;
            case "model" -> model;
            case "schema", "schema.fields" -> fields;
            case "filters.include_events" -> includeEvents;
            case "filters.exclude_events" -> excludeEvents;
            default -> null;
        };
        if (target != null) {
            target.setErrorMessage(e.getMessage());
            target.setInvalid(true);
        } else if (!(attr.startsWith("destination.config.") && config != null
                && config.showError(attr.substring("destination.config.".length()), e.getMessage()))) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            return;
        }
        notify("Please correct the marked field.", NotificationVariant.LUMO_ERROR);
    }

    private void clearErrors() {
        List.<HasValidation>of(name, type, interval, offsetMinutes, timezone, model, fields, includeEvents, excludeEvents)
                .forEach(field -> field.setInvalid(false));
        propertyFilters.clearErrors();
        if (config != null) {
            config.clearErrors();
        }
    }

    private static FormLayout section(Component... components) {
        FormLayout form = new FormLayout(components);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        return form;
    }

    private static Component heading(String text) {
        H3 heading = new H3(text);
        heading.addClassName("form-section");
        return heading;
    }

    private static Component message(String title, String text) {
        Div empty = new Div(new H3(title), new Paragraph(text));
        empty.addClassName("empty-state");
        return empty;
    }

    static String intervalLabel(String value) {
        String phrase = value.startsWith("every ") ? value : "every " + value;
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 5000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }

    PreviewPanel previewPanel() {
        return previewPanel;
    }

    DestinationConfigForm configForm() {
        return config;
    }
}
