package dev.sluice.export;

import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
class ExportModelConverter implements AttributeConverter<ExportModel, String> {

    @Override
    public String convertToDatabaseColumn(ExportModel model) {
        return model == null ? null : model.apiValue();
    }

    @Override
    public ExportModel convertToEntityAttribute(String value) {
        return value == null ? null : ExportModel.fromApiValue(value)
                .orElseThrow(() -> new IllegalStateException("unknown model in database: " + value));
    }
}
