package dev.sluice.notify;

import dev.sluice.run.RunFinished;
import java.util.UUID;

/** A finished run with what alerts need to know about its export. */
record WatchedRun(RunFinished finished, UUID projectId, String exportName) {
}
