package dev.sluice.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs every interval of a backfill as child {@link ExportRunWorkflow}s with bounded concurrency. */
@WorkflowInterface
public interface BackfillWorkflow {

    @WorkflowMethod
    void run(BackfillInput input);
}
