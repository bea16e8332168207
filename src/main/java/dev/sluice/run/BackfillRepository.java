package dev.sluice.run;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface BackfillRepository extends JpaRepository<Backfill, UUID> {

    List<Backfill> findByBatchExportIdOrderByCreatedAtDesc(UUID batchExportId);

    Optional<Backfill> findByIdAndBatchExportId(UUID id, UUID batchExportId);

    List<Backfill> findByStatusIn(Collection<BackfillStatus> statuses);

    @Modifying
    @Transactional
    @Query("update Backfill b set b.workflowId = ?2 where b.id = ?1")
    int recordWorkflowId(UUID id, String workflowId);
}
