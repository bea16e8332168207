package dev.sluice.ingest;

/** The outcome of storing a batch: how many events were new, and what they did to persons. */
record StoredEvents(int inserted, PersonChanges persons) {
}
