package dev.sluice.source;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Which events an export includes, pushed down into the source query. */
public record ExportFilters(
        @JsonProperty("include_events") List<String> includeEvents,
        @JsonProperty("exclude_events") List<String> excludeEvents,
        List<PropertyFilter> properties) {

    public record PropertyFilter(String key, String operator, Object value) {

        /**
         * A filter value (this filter's, or one of its list) as the text a JSON property read as
         * text yields for the same value, so sources can compare it as a bound string parameter.
         */
        public String textOf(Object candidate) {
            if (candidate == null || candidate instanceof Map<?, ?> || candidate instanceof Collection<?>) {
                throw new InvalidSourceQueryException("The property filter on '" + key + "' with operator '"
                        + operator + "' needs a string, number or boolean value.");
            }
            if (candidate instanceof Double || candidate instanceof Float) {
                return BigDecimal.valueOf(((Number) candidate).doubleValue()).toPlainString();
            }
            return candidate.toString();
        }
    }
}
