package dev.sluice.export;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BatchExportRepository extends JpaRepository<BatchExport, UUID> {

    List<BatchExport> findByProjectIdAndDeletedFalseOrderByCreatedAtDesc(UUID projectId);

    Optional<BatchExport> findByIdAndProjectIdAndDeletedFalse(UUID id, UUID projectId);

    List<BatchExport> findByDeletedFalseAndPausedFalse();

    /** Every export that is not deleted, with its destination in the same query (no query per export). */
    @Query("select e from BatchExport e join fetch e.destination where e.deleted = false")
    List<BatchExport> findNotDeletedWithDestinations();
}
