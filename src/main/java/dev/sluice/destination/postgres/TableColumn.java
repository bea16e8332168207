package dev.sluice.destination.postgres;

/** One column of the staging and target tables: the export's alias and what it holds. */
public record TableColumn(String name, ValueKind kind) {

    public String quoted() {
        return SqlIdentifiers.quote(name);
    }
}
