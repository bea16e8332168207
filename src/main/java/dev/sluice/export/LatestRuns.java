package dev.sluice.export;

import java.util.List;
import java.util.UUID;

/** The newest runs of an export, newest interval first. Implemented by the run feature. */
public interface LatestRuns {

    List<RunSummary> latest(UUID exportId, int limit);
}
