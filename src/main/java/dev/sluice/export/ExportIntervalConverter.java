package dev.sluice.export;

import dev.sluice.common.ExportInterval;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
class ExportIntervalConverter implements AttributeConverter<ExportInterval, String> {

    @Override
    public String convertToDatabaseColumn(ExportInterval interval) {
        return interval == null ? null : interval.apiValue();
    }

    @Override
    public ExportInterval convertToEntityAttribute(String value) {
        return value == null ? null : ExportInterval.fromApiValue(value)
                .orElseThrow(() -> new IllegalStateException("unknown interval in database: " + value));
    }
}
