package dev.sluice.run;

import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes and searches an export's log. */
@Service
public class RunLogService {

    private final RunLogRepository logs;
    private final Clock clock;

    public RunLogService(RunLogRepository logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void log(UUID exportId, UUID runId, String level, String message) {
        logs.save(new RunLog(exportId, runId, clock.instant(), level.toUpperCase(Locale.ROOT), message));
    }

    /** Newest first. {@code level} is a minimum-free exact match (INFO, WARN, ERROR, DEBUG); {@code search} is case-insensitive. */
    @Transactional(readOnly = true)
    public List<RunLog> search(UUID exportId, String level, String search, UUID runId, int limit) {
        Specification<RunLog> spec = (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            p.add(cb.equal(root.get("batchExportId"), exportId));
            if (level != null && !level.isBlank()) {
                p.add(cb.equal(root.get("level"), level.toUpperCase(Locale.ROOT)));
            }
            if (search != null && !search.isBlank()) {
                String escaped = search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                p.add(cb.like(cb.lower(root.get("message")), "%" + escaped + "%", '\\'));
            }
            if (runId != null) {
                p.add(cb.equal(root.get("runId"), runId));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        return logs.findAll(spec, PageRequest.of(0, limit, Sort.by(Sort.Order.desc("timestamp"), Sort.Order.desc("id")))).getContent();
    }
}
