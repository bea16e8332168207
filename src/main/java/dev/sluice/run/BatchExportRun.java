package dev.sluice.run;

import dev.sluice.common.DataInterval;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One execution of an export for one interval. Written only by workflow activities. */
@Entity
@Table(name = "batch_export_runs")
public class BatchExportRun {

    @Id
    private UUID id;

    @Column(name = "batch_export_id", nullable = false)
    private UUID batchExportId;

    @Column(name = "backfill_id")
    private UUID backfillId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status;

    @Column(name = "data_interval_start", nullable = false)
    private Instant dataIntervalStart;

    @Column(name = "data_interval_end", nullable = false)
    private Instant dataIntervalEnd;

    @Column(name = "records_completed", nullable = false)
    private long recordsCompleted;

    @Column(name = "bytes_exported", nullable = false)
    private long bytesExported;

    @Column(name = "latest_error")
    private String latestError;

    @Column(name = "workflow_id", nullable = false, unique = true)
    private String workflowId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "last_updated_at", nullable = false)
    private Instant lastUpdatedAt;

    protected BatchExportRun() {
    }

    public BatchExportRun(UUID id, UUID batchExportId, UUID backfillId, DataInterval interval, String workflowId, Instant now) {
        this.id = id;
        this.batchExportId = batchExportId;
        this.backfillId = backfillId;
        this.status = RunStatus.Starting;
        this.dataIntervalStart = interval.start();
        this.dataIntervalEnd = interval.end();
        this.workflowId = workflowId;
        this.createdAt = now;
        this.lastUpdatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getBatchExportId() {
        return batchExportId;
    }

    public UUID getBackfillId() {
        return backfillId;
    }

    public RunStatus getStatus() {
        return status;
    }

    public Instant getDataIntervalStart() {
        return dataIntervalStart;
    }

    public Instant getDataIntervalEnd() {
        return dataIntervalEnd;
    }

    public DataInterval interval() {
        return new DataInterval(dataIntervalStart, dataIntervalEnd);
    }

    public long getRecordsCompleted() {
        return recordsCompleted;
    }

    public long getBytesExported() {
        return bytesExported;
    }

    public String getLatestError() {
        return latestError;
    }

    public String getWorkflowId() {
        return workflowId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getLastUpdatedAt() {
        return lastUpdatedAt;
    }

    public void markRunning(Instant now) {
        this.status = RunStatus.Running;
        this.latestError = null;
        this.finishedAt = null;
        this.lastUpdatedAt = now;
    }

    public void finish(RunStatus status, long records, long bytes, String error, Instant now) {
        this.status = status;
        this.recordsCompleted = records;
        this.bytesExported = bytes;
        this.latestError = error;
        this.finishedAt = now;
        this.lastUpdatedAt = now;
    }

    public void recordError(String error, Instant now) {
        this.latestError = error;
        this.lastUpdatedAt = now;
    }
}
