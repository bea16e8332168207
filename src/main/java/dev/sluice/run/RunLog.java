package dev.sluice.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A line of an export's log, usually tied to a run. */
@Entity
@Table(name = "run_logs")
public class RunLog {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "batch_export_id", nullable = false)
    private UUID batchExportId;

    @Column(name = "run_id")
    private UUID runId;

    @Column(nullable = false)
    private Instant timestamp;

    @Column(nullable = false)
    private String level;

    @Column(nullable = false)
    private String message;

    protected RunLog() {
    }

    public RunLog(UUID batchExportId, UUID runId, Instant timestamp, String level, String message) {
        this.batchExportId = batchExportId;
        this.runId = runId;
        this.timestamp = timestamp;
        this.level = level;
        this.message = message;
    }

    public Long getId() {
        return id;
    }

    public UUID getBatchExportId() {
        return batchExportId;
    }

    public UUID getRunId() {
        return runId;
    }

    public Instant getTimestamp() {
        return timestamp;
    }

    public String getLevel() {
        return level;
    }

    public String getMessage() {
        return message;
    }
}
