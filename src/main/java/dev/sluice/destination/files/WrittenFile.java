package dev.sluice.destination.files;

/** A finished part file: its name in the interval directory, rows and bytes. */
record WrittenFile(String name, long records, long bytes) {
}
