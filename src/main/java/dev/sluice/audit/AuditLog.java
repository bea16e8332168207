package dev.sluice.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The audit log: services record what a user did, in the transaction of the change itself, so a
 * change that rolls back leaves no entry. The actor is the signed-in user of the current request,
 * or {@value #SYSTEM} when nobody is (the scheduler, start-up work).
 */
@Service
public class AuditLog {

    public static final String SYSTEM = "system";

    public static final String CREATED = "created";
    public static final String EDITED = "edited";
    public static final String PAUSED = "paused";
    public static final String UNPAUSED = "unpaused";
    public static final String DELETED = "deleted";
    public static final String BACKFILLED = "backfilled";
    public static final String RETRIED = "retried";
    public static final String MEMBER_ADDED = "member_added";
    public static final String ROLE_CHANGED = "role_changed";
    public static final String MEMBER_REMOVED = "member_removed";
    public static final String API_KEY_CREATED = "api_key_created";
    public static final String API_KEY_REVOKED = "api_key_revoked";

    /** Every action the log records, in the order a filter offers them. */
    public static final List<String> ACTIONS = List.of(CREATED, EDITED, PAUSED, UNPAUSED, DELETED, BACKFILLED, RETRIED,
            MEMBER_ADDED, ROLE_CHANGED, MEMBER_REMOVED, API_KEY_CREATED, API_KEY_REVOKED);

    private static final String COLUMNS = "select project_id, timestamp, actor, action, resource_type, resource_id, detail from audit_log ";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(UUID projectId, String action, String resourceType, UUID resourceId, String detail) {
        jdbc.update("insert into audit_log (project_id, timestamp, actor, action, resource_type, resource_id, detail) "
                        + "values (?, ?, ?, ?, ?, ?, ?)",
                projectId, Timestamp.from(clock.instant()), actor(), action, resourceType, resourceId.toString(), detail);
    }

    /** A project's entries, newest first. */
    public List<AuditEntry> list(UUID projectId, int limit) {
        return page(projectId, null, 0, limit);
    }

    /** One page of a project's entries, newest first, of one action or (null) of all. */
    public List<AuditEntry> page(UUID projectId, String action, int offset, int limit) {
        return jdbc.query(COLUMNS + "where project_id = ? and (cast(? as text) is null or action = ?) "
                        + "order by timestamp desc, id desc offset ? limit ?",
                (rs, i) -> new AuditEntry(rs.getObject("project_id", UUID.class), rs.getTimestamp("timestamp").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                        rs.getString("detail")),
                projectId, action, action, offset, limit);
    }

    /** How many entries {@link #page} pages through. */
    public int count(UUID projectId, String action) {
        Integer n = jdbc.queryForObject("select count(*) from audit_log where project_id = ? and (cast(? as text) is null or action = ?)",
                Integer.class, projectId, action, action);
        return n == null ? 0 : n;
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return SYSTEM;
        }
        return auth.getName();
    }
}
