package dev.sluice.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A request to export a range of past intervals, run by the backfill workflow. */
@Entity
@Table(name = "batch_export_backfills")
public class Backfill {

    @Id
    private UUID id;

    @Column(name = "batch_export_id", nullable = false)
    private UUID batchExportId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BackfillStatus status;

    /** Null means "from the earliest data"; resolved when the backfill starts. */
    @Column(name = "start_at")
    private Instant startAt;

    @Column(name = "end_at", nullable = false)
    private Instant endAt;

    @Column(name = "total_runs", nullable = false)
    private int totalRuns;

    @Column(name = "finished_runs", nullable = false)
    private int finishedRuns;

    @Column(name = "workflow_id")
    private String workflowId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "last_updated_at", nullable = false)
    private Instant lastUpdatedAt;

    protected Backfill() {
    }

    public Backfill(UUID id, UUID batchExportId, Instant startAt, Instant endAt, int totalRuns, Instant now) {
        this.id = id;
        this.batchExportId = batchExportId;
        this.status = BackfillStatus.Starting;
        this.startAt = startAt;
        this.endAt = endAt;
        this.totalRuns = totalRuns;
        this.createdAt = now;
        this.lastUpdatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getBatchExportId() {
        return batchExportId;
    }

    public BackfillStatus getStatus() {
        return status;
    }

    public Instant getStartAt() {
        return startAt;
    }

    public Instant getEndAt() {
        return endAt;
    }

    public int getTotalRuns() {
        return totalRuns;
    }

    public int getFinishedRuns() {
        return finishedRuns;
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

    public void startedAs(String workflowId, Instant now) {
        this.workflowId = workflowId;
        this.lastUpdatedAt = now;
    }

    public void progress(BackfillStatus status, int finishedRuns, Instant now) {
        this.status = status;
        this.finishedRuns = finishedRuns;
        this.lastUpdatedAt = now;
        if (status.isFinal()) {
            this.finishedAt = now;
        }
    }
}
