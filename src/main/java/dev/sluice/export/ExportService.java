package dev.sluice.export;

import dev.sluice.audit.AuditLog;
import dev.sluice.common.Ids;
import dev.sluice.common.NotFoundException;
import dev.sluice.destination.DestinationConfigValidator;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.destination.ExportDestination;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, edits, pauses and deletes exports. Schedules follow through {@link ExportChanged} events. */
@Service
public class ExportService {

    private final BatchExportRepository exports;
    private final DestinationConfigs configs;
    private final ExportDraftValidator validator;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    public ExportService(BatchExportRepository exports, DestinationConfigs configs, DestinationConfigValidator destinationValidator,
                         ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.exports = exports;
        this.configs = configs;
        this.validator = new ExportDraftValidator(destinationValidator);
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<BatchExport> list(UUID projectId) {
        return exports.findByProjectIdAndDeletedFalseOrderByCreatedAtDesc(projectId);
    }

    @Transactional(readOnly = true)
    public BatchExport get(UUID projectId, UUID exportId) {
        return exports.findByIdAndProjectIdAndDeletedFalse(exportId, projectId)
                .orElseThrow(() -> new NotFoundException("Batch export " + exportId + " was not found."));
    }

    /** For workers, which act on ids carried by workflows. Deleted exports are returned too. */
    @Transactional(readOnly = true)
    public BatchExport require(UUID exportId) {
        return exports.findById(exportId).orElseThrow(() -> new NotFoundException("Batch export " + exportId + " was not found."));
    }

    ExportDraftValidator validator() {
        return validator;
    }

    /** Checks a draft without saving it: the parsed export or a {@code BadRequestException}. */
    public void check(ExportDraft draft) {
        validator.validate(draft);
    }

    @Transactional
    public BatchExport create(UUID projectId, ExportDraft draft) {
        ValidExportDraft valid = validator.validate(draft);
        Instant now = clock.instant();
        ExportDestination destination = new ExportDestination(Ids.newId(), valid.destinationType(),
                configs.encrypt(valid.destinationConfig()), now);
        BatchExport export = new BatchExport(Ids.newId(), projectId, destination, now);
        export.apply(valid, now);
        if (valid.paused()) {
            export.pause(now);
        }
        exports.save(export);
        events.publishEvent(new ExportChanged(export.getId()));
        audit(export, AuditLog.CREATED);
        return export;
    }

    /**
     * Replaces an export's settings. Destination config keys are merged into the stored ones, so an
     * omitted secret keeps its stored value.
     */
    @Transactional
    public BatchExport update(UUID projectId, UUID exportId, ExportDraft draft) {
        BatchExport export = get(projectId, exportId);
        ExportDestination destination = export.getDestination();
        var type = dev.sluice.destination.DestinationType.fromApiValue(draft.destinationType()).orElse(null);
        ExportDraft merged = draft;
        if (type != null && draft.destinationConfig() != null) {
            merged = new ExportDraft(draft.name(), draft.destinationType(), configs.merge(destination, type, draft.destinationConfig()),
                    draft.interval(), draft.intervalOffset(), draft.timezone(), draft.model(), draft.schema(), draft.filters(),
                    draft.paused(), draft.startAt(), draft.endAt());
        }
        ValidExportDraft valid = validator.validate(merged);
        Instant now = clock.instant();
        destination.replaceConfig(valid.destinationType(), configs.encrypt(valid.destinationConfig()), now);
        export.apply(valid, now);
        if (valid.paused() && !export.isPaused()) {
            export.pause(now);
        } else if (!valid.paused() && export.isPaused()) {
            export.unpause(now);
        }
        events.publishEvent(new ExportChanged(export.getId()));
        audit(export, AuditLog.EDITED);
        return export;
    }

    @Transactional
    public BatchExport pause(UUID projectId, UUID exportId) {
        BatchExport export = get(projectId, exportId);
        if (!export.isPaused()) {
            export.pause(clock.instant());
            events.publishEvent(new ExportChanged(exportId));
            audit(export, AuditLog.PAUSED);
        }
        return export;
    }

    /**
     * Pauses an export on Sluice's own initiative (for example after repeated failures), recording
     * why. Returns false when the export was already paused or is deleted, and changes nothing then.
     */
    @Transactional
    public boolean pauseBecause(UUID exportId, String reason) {
        BatchExport export = exports.findById(exportId).orElse(null);
        if (export == null || export.isDeleted() || export.isPaused()) {
            return false;
        }
        export.pauseBecause(reason, clock.instant());
        events.publishEvent(new ExportChanged(exportId));
        return true;
    }

    @Transactional
    public BatchExport unpause(UUID projectId, UUID exportId, boolean backfillPausedGap) {
        BatchExport export = get(projectId, exportId);
        if (export.isPaused()) {
            Instant now = clock.instant();
            Instant pausedAt = export.getLastPausedAt();
            export.unpause(now);
            events.publishEvent(new ExportChanged(exportId));
            audit(export, AuditLog.UNPAUSED);
            if (backfillPausedGap && pausedAt != null && pausedAt.isBefore(now)) {
                events.publishEvent(new ExportUnpaused(exportId, pausedAt, now));
            }
        }
        return export;
    }

    /** Soft-deletes: runs and logs stay readable by id, the export disappears from lists and schedules. */
    @Transactional
    public void delete(UUID projectId, UUID exportId) {
        BatchExport export = get(projectId, exportId);
        export.markDeleted(clock.instant());
        events.publishEvent(new ExportDeleted(exportId));
        audit(export, AuditLog.DELETED);
    }

    private void audit(BatchExport export, String action) {
        audit.record(export.getProjectId(), action, "batch_export", export.getId(), export.getName());
    }

    /** Advances the scheduler's cursor, and nothing else of the export; used by the local schedule driver. */
    @Transactional
    public void advanceScheduleCursor(UUID exportId, Instant cursor) {
        exports.setScheduleCursor(exportId, cursor);
    }
}
