package dev.sluice.workflow;

import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.common.DataInterval;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Run bookkeeping in memory, on an hourly UTC grid; remembers every call. */
class RecordingRunActivities implements RunActivities {

    final List<RunStart> starts = new CopyOnWriteArrayList<>();
    final List<RunFinish> finishes = new CopyOnWriteArrayList<>();
    final Map<String, UUID> runIds = new ConcurrentHashMap<>();

    @Override
    public RunInterval resolveScheduledInterval(ScheduledStart start) {
        IntervalGrid grid = IntervalGrid.utc(ExportInterval.HOUR);
        DataInterval interval = grid.intervalEndingAt(grid.floor(start.scheduledAt()));
        return new RunInterval(interval.start(), interval.end());
    }

    @Override
    public StartedRun startRun(RunStart start) {
        starts.add(start);
        return new StartedRun(runIds.computeIfAbsent(start.workflowId(), id -> UUID.nameUUIDFromBytes(id.getBytes())));
    }

    @Override
    public void finishRun(RunFinish finish) {
        finishes.add(finish);
    }

    List<String> startedWorkflowIds() {
        return starts.stream().map(RunStart::workflowId).toList();
    }

    RunFinish finishOf(String workflowId) {
        return finishes.stream().filter(f -> f.workflowId().equals(workflowId)).reduce((a, b) -> b).orElseThrow();
    }
}
