package dev.sluice.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.sluice.common.BadRequestException;
import dev.sluice.export.BatchExport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Asks for a backfill range in the export's time zone, checks it (end after start, not in the
 * future), shows how many runs it would start, and starts it only when confirmed. The pickers show
 * ISO dates and a 24-hour clock, and their labels name the time zone.
 */
class BackfillDialog extends Dialog {

    private final BackfillService backfills;
    private final BatchExport export;
    private final Clock clock;
    private final ZoneId zone;
    /** English with a 24-hour clock: the time pickers format times the way the browser does for it. */
    static final Locale PICKER_LOCALE = Locale.UK;
    static final String DATE_FORMAT = "yyyy-MM-dd";

    private final DateTimePicker start;
    private final DateTimePicker end;
    private final Checkbox fromBeginning = new Checkbox("From the beginning of the data");
    private final Span estimate = new Span();
    private final Button confirm = new Button("Start backfill");

    BackfillDialog(BackfillService backfills, BatchExport export, Clock clock, Consumer<Backfill> started) {
        this.backfills = backfills;
        this.export = export;
        this.clock = clock;
        this.zone = export.zoneId();
        this.start = picker("backfill-start", "Start");
        this.end = picker("backfill-end", "End");
        addClassName("backfill-dialog");
        setHeaderTitle("Backfill " + export.getName());
        Paragraph text = new Paragraph("Runs every complete interval in the range again. Times are in " + zone.getId() + ".");
        text.addClassName("view-description");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        start.setValue(now.toLocalDate().minusDays(1).atStartOfDay());
        end.setValue(now.toLocalDate().atStartOfDay());
        end.setMax(now);
        fromBeginning.addValueChangeListener(change -> {
            start.setEnabled(!change.getValue());
            update();
        });
        start.addValueChangeListener(change -> update());
        end.addValueChangeListener(change -> update());
        estimate.addClassName("backfill-estimate");
        VerticalLayout body = new VerticalLayout(text, fromBeginning, start, end, estimate);
        body.setPadding(false);
        add(body);
        confirm.setId("confirm-backfill");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(click -> {
            if (!update()) {
                return;
            }
            try {
                Backfill backfill = backfills.create(export.getProjectId(), export.getId(), startInstant(), toInstant(end.getValue()));
                close();
                started.accept(backfill);
            } catch (BadRequestException e) {
                (e.attr().equals("start_at") ? start : end).setErrorMessage(e.getMessage());
                (e.attr().equals("start_at") ? start : end).setInvalid(true);
            }
        });
        Button cancel = new Button("Cancel", click -> close());
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        getFooter().add(cancel, confirm);
        update();
    }

    private DateTimePicker picker(String id, String label) {
        DateTimePicker picker = new DateTimePicker(label + " (" + zone.getId() + ")");
        picker.setId(id);
        picker.setLocale(PICKER_LOCALE);
        picker.setDatePickerI18n(new DatePicker.DatePickerI18n().setDateFormat(DATE_FORMAT));
        picker.setStep(Duration.ofMinutes(5));
        return picker;
    }

    /** Validates the range and refreshes the estimate; true when the range can be backfilled. */
    boolean update() {
        start.setInvalid(false);
        end.setInvalid(false);
        Instant endAt = toInstant(end.getValue());
        Instant startAt = startInstant();
        String problem = null;
        DateTimePicker field = end;
        if (endAt == null) {
            problem = "Pick an end.";
        } else if (!fromBeginning.getValue() && startAt == null) {
            problem = "Pick a start, or backfill from the beginning.";
            field = start;
        } else if (endAt.isAfter(clock.instant())) {
            problem = "The end must not be in the future.";
        } else if (startAt != null && !endAt.isAfter(startAt)) {
            problem = "The end must be after the start.";
        }
        if (problem != null) {
            field.setErrorMessage(problem);
            field.setInvalid(true);
            estimate.setText("");
            confirm.setEnabled(false);
            return false;
        }
        long runs = backfills.estimateRuns(export.getProjectId(), export.getId(), startAt, endAt);
        estimate.setText(runs == 0 ? "No complete " + export.getInterval().apiValue() + " interval in this range."
                : "This starts " + runs + (runs == 1 ? " run" : " runs") + ".");
        confirm.setEnabled(runs > 0);
        return runs > 0;
    }

    private Instant startInstant() {
        return fromBeginning.getValue() ? null : toInstant(start.getValue());
    }

    private Instant toInstant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    DateTimePicker start() {
        return start;
    }

    DateTimePicker end() {
        return end;
    }

    String estimate() {
        return estimate.getText();
    }
}
