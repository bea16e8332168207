package dev.sluice.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface BatchExportRepository extends JpaRepository<BatchExport, UUID> {

    List<BatchExport> findByProjectIdAndDeletedFalseOrderByCreatedAtDesc(UUID projectId);

    Optional<BatchExport> findByIdAndProjectIdAndDeletedFalse(UUID id, UUID projectId);

    /** Every export that is not deleted, with its destination in the same query (no query per export). */
    @Query("select e from BatchExport e join fetch e.destination where e.deleted = false")
    List<BatchExport> findNotDeletedWithDestinations();

    /**
     * Sets only the schedule cursor. The local schedule driver advances it while users pause and
     * edit the same export: writing the whole entity would put back the paused flag it read.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update BatchExport e set e.scheduleCursor = :cursor where e.id = :id")
    int setScheduleCursor(@Param("id") UUID id, @Param("cursor") Instant cursor);
}
