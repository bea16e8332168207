package dev.sluice.source;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Which events an export includes, pushed down into the source query. */
public record ExportFilters(
        @JsonProperty("include_events") List<String> includeEvents,
        @JsonProperty("exclude_events") List<String> excludeEvents,
        List<PropertyFilter> properties) {

    public record PropertyFilter(String key, String operator, Object value) {
    }
}
