package dev.sluice.export;

import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.common.ExportInterval;
import dev.sluice.destination.ExportDestination;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Updates write only the columns that changed ({@link DynamicUpdate}): users, the schedule driver and
 * auto-pause change different columns of one export at the same time, and none may put back another's.
 */
@Entity
@Table(name = "batch_exports")
@DynamicUpdate
public class BatchExport {

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private UUID projectId;

    @OneToOne(cascade = CascadeType.ALL, fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "destination_id", nullable = false)
    private ExportDestination destination;

    @Column(nullable = false)
    private String name;

    @Convert(converter = ExportIntervalConverter.class)
    @Column(nullable = false)
    private ExportInterval interval;

    @Column(name = "interval_offset", nullable = false)
    private int intervalOffset;

    @Column(nullable = false)
    private String timezone;

    @Convert(converter = ExportModelConverter.class)
    @Column(nullable = false)
    private ExportModel model;

    @JdbcTypeCode(SqlTypes.JSON)
    private ExportSchema schema;

    @JdbcTypeCode(SqlTypes.JSON)
    private ExportFilters filters;

    @Column(nullable = false)
    private boolean paused;

    @Column(nullable = false)
    private boolean deleted;

    @Column(name = "start_at")
    private Instant startAt;

    @Column(name = "end_at")
    private Instant endAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_updated_at", nullable = false)
    private Instant lastUpdatedAt;

    @Column(name = "last_paused_at")
    private Instant lastPausedAt;

    /** Why the export paused itself; null when a person paused it. */
    @Column(name = "paused_reason")
    private String pausedReason;

    /** End of the last interval for which the scheduler has started a run. */
    @Column(name = "schedule_cursor")
    private Instant scheduleCursor;

    protected BatchExport() {
    }

    BatchExport(UUID id, UUID projectId, ExportDestination destination, Instant now) {
        this.id = id;
        this.projectId = projectId;
        this.destination = destination;
        this.createdAt = now;
        this.lastUpdatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getProjectId() {
        return projectId;
    }

    public ExportDestination getDestination() {
        return destination;
    }

    public String getName() {
        return name;
    }

    public ExportInterval getInterval() {
        return interval;
    }

    public int getIntervalOffset() {
        return intervalOffset;
    }

    public String getTimezone() {
        return timezone;
    }

    public ZoneId zoneId() {
        return ZoneId.of(timezone);
    }

    public ExportModel getModel() {
        return model;
    }

    public ExportSchema getSchema() {
        return schema;
    }

    public ExportFilters getFilters() {
        return filters;
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Instant getStartAt() {
        return startAt;
    }

    public Instant getEndAt() {
        return endAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUpdatedAt() {
        return lastUpdatedAt;
    }

    public Instant getLastPausedAt() {
        return lastPausedAt;
    }

    public String getPausedReason() {
        return pausedReason;
    }

    public Instant getScheduleCursor() {
        return scheduleCursor;
    }

    public void setScheduleCursor(Instant scheduleCursor) {
        this.scheduleCursor = scheduleCursor;
    }

    void apply(ValidExportDraft draft, Instant now) {
        this.name = draft.name();
        this.interval = draft.interval();
        this.intervalOffset = draft.intervalOffset();
        this.timezone = draft.timezone().getId();
        this.model = draft.model();
        this.schema = draft.schema();
        this.filters = draft.filters();
        this.startAt = draft.startAt();
        this.endAt = draft.endAt();
        this.lastUpdatedAt = now;
    }

    void pause(Instant now) {
        pauseBecause(null, now);
    }

    void pauseBecause(String reason, Instant now) {
        this.pausedReason = reason;
        this.paused = true;
        this.lastPausedAt = now;
        this.lastUpdatedAt = now;
    }

    void unpause(Instant now) {
        this.paused = false;
        this.pausedReason = null;
        this.lastUpdatedAt = now;
    }

    void markDeleted(Instant now) {
        this.deleted = true;
        this.paused = true;
        this.lastUpdatedAt = now;
    }
}
