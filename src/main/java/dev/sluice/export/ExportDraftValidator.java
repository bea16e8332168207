package dev.sluice.export;

import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.ExportInterval;
import dev.sluice.destination.DestinationConfigValidator;
import dev.sluice.destination.DestinationType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns an {@link ExportDraft} into a {@link ValidExportDraft} or a 400 naming the field. */
class ExportDraftValidator {

    private static final Set<String> PROPERTY_OPERATORS = Set.of("exact", "is_not", "icontains", "is_set", "is_not_set");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern EXPRESSION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[$A-Za-z0-9_\\-]+)*");

    private final DestinationConfigValidator destinations;

    ExportDraftValidator(DestinationConfigValidator destinations) {
        this.destinations = destinations;
    }

    ValidExportDraft validate(ExportDraft d) {
        if (d.name() == null || d.name().isBlank()) {
            throw new BadRequestException("name", "name is required.");
        }
        if (d.name().length() > 200) {
            throw new BadRequestException("name", "name must be at most 200 characters.");
        }
        if (d.destinationType() == null) {
            throw new BadRequestException("destination.type", "destination.type is required.");
        }
        DestinationType type = DestinationType.fromApiValue(d.destinationType()).orElseThrow(() -> new BadRequestException(
                "destination.type", "destination.type must be one of " + Arrays.stream(DestinationType.values())
                        .map(DestinationType::apiValue).collect(Collectors.joining(", ")) + "."));
        Map<String, Object> config = d.destinationConfig() == null ? Map.of() : d.destinationConfig();
        destinations.validate(type, config);

        ExportSelection selection = selection(d);
        if (d.startAt() != null && d.endAt() != null && !d.endAt().isAfter(d.startAt())) {
            throw new BadRequestException("end_at", "end_at must be after start_at.");
        }
        return new ValidExportDraft(d.name().trim(), type, config, selection.interval(), selection.intervalOffset(),
                selection.timezone(), selection.model(), d.schema(), d.filters(), Boolean.TRUE.equals(d.paused()), d.startAt(), d.endAt());
    }

    /** Validates what the draft reads and when (interval, offset, time zone, model, schema, filters), ignoring the rest. */
    ExportSelection selection(ExportDraft d) {
        String intervalValue = d.interval() == null ? "hour" : d.interval();
        ExportInterval interval = ExportInterval.fromApiValue(intervalValue).orElseThrow(() -> new BadRequestException(
                "interval", "interval must be one of " + Arrays.stream(ExportInterval.values())
                        .map(i -> "'" + i.apiValue() + "'").collect(Collectors.joining(", ")) + "."));
        int offset = d.intervalOffset() == null ? 0 : d.intervalOffset();
        long maxOffset = interval.nominalLength().toSeconds();
        if (offset < 0 || offset >= maxOffset) {
            throw new BadRequestException("interval_offset",
                    "interval_offset must be between 0 and " + (maxOffset - 1) + " seconds for interval '" + interval.apiValue() + "'.");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(d.timezone() == null ? "UTC" : d.timezone());
        } catch (DateTimeException e) {
            throw new BadRequestException("timezone", "timezone '" + d.timezone() + "' is not a known time zone (use names like Europe/Berlin).");
        }
        ExportModel model = ExportModel.fromApiValue(d.model() == null ? "events" : d.model())
                .orElseThrow(() -> new BadRequestException("model", "model must be 'events' or 'persons'."));
        validateSchema(d.schema());
        validateFilters(d.filters());
        return new ExportSelection(interval, offset, zone, model, d.schema(), d.filters());
    }

    private static void validateSchema(ExportSchema schema) {
        if (schema == null) {
            return;
        }
        if (schema.fields() == null || schema.fields().isEmpty()) {
            throw new BadRequestException("schema.fields", "schema.fields must list at least one field, or schema must be null.");
        }
        Set<String> aliases = new java.util.HashSet<>();
        for (int i = 0; i < schema.fields().size(); i++) {
            ExportSchema.Field f = schema.fields().get(i);
            if (f == null || f.expression() == null || !EXPRESSION.matcher(f.expression()).matches()) {
                throw new BadRequestException("schema.fields[" + i + "].expression",
                        "schema.fields[" + i + "].expression must be a column or a properties path such as properties.$browser.");
            }
            String alias = f.alias() == null ? f.expression().replace('.', '_').replace("$", "") : f.alias();
            if (!ALIAS.matcher(alias).matches()) {
                throw new BadRequestException("schema.fields[" + i + "].alias",
                        "schema.fields[" + i + "].alias must be letters, digits and underscores, starting with a letter.");
            }
            if (!aliases.add(alias)) {
                throw new BadRequestException("schema.fields[" + i + "].alias", "schema.fields alias '" + alias + "' is used twice.");
            }
        }
    }

    private static void validateFilters(ExportFilters filters) {
        if (filters == null) {
            return;
        }
        checkNames("filters.include_events", filters.includeEvents());
        checkNames("filters.exclude_events", filters.excludeEvents());
        if (filters.properties() != null) {
            for (int i = 0; i < filters.properties().size(); i++) {
                ExportFilters.PropertyFilter p = filters.properties().get(i);
                String attr = "filters.properties[" + i + "]";
                if (p == null || p.key() == null || p.key().isBlank()) {
                    throw new BadRequestException(attr + ".key", attr + ".key is required.");
                }
                if (p.operator() == null || !PROPERTY_OPERATORS.contains(p.operator())) {
                    throw new BadRequestException(attr + ".operator",
                            attr + ".operator must be one of exact, is_not, icontains, is_set, is_not_set.");
                }
                boolean needsValue = !p.operator().equals("is_set") && !p.operator().equals("is_not_set");
                if (needsValue && p.value() == null) {
                    throw new BadRequestException(attr + ".value", attr + ".value is required for operator " + p.operator() + ".");
                }
                if (needsValue) {
                    checkValue(attr + ".value", p.operator(), p.value());
                }
            }
        }
    }

    /** A value to compare with: a string, number or boolean, or for exact and is_not a non-empty list of them. */
    private static void checkValue(String attr, String operator, Object value) {
        boolean list = operator.equals("exact") || operator.equals("is_not");
        if (value instanceof Collection<?> values && list) {
            if (values.isEmpty() || !values.stream().allMatch(ExportDraftValidator::isScalar)) {
                throw new BadRequestException(attr, attr + " must list at least one value, each a string, number or boolean.");
            }
        } else if (!isScalar(value)) {
            throw new BadRequestException(attr, attr + " must be a string, number or boolean"
                    + (list ? ", or a list of them." : " for operator " + operator + "."));
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static void checkNames(String attr, List<String> names) {
        if (names == null) {
            return;
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new BadRequestException(attr, attr + " must not contain empty event names.");
            }
        }
    }
}
