package dev.sluice.destination;

/** One named step of a connection test, e.g. "Write a test file". */
public record ConnectionStep(String name, boolean passed, String message) {
}
