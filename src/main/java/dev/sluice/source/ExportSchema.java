package dev.sluice.source;

import java.util.List;

/** The columns an export writes: each a source expression ({@code event}, {@code properties.$browser}) with an alias. */
public record ExportSchema(List<Field> fields) {

    public record Field(String expression, String alias) {
    }
}
