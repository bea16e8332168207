package dev.sluice.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Exports one interval of one export: startRun, exportInterval, finishRun. */
@WorkflowInterface
public interface ExportRunWorkflow {

    @WorkflowMethod
    ExportRunResult run(ExportRunInput input);
}
