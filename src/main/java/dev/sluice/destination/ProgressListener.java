package dev.sluice.destination;

/** Told of each checkpoint a destination commits; the activity heartbeats it. */
@FunctionalInterface
public interface ProgressListener {

    void committed(ExportCheckpoint checkpoint);
}
