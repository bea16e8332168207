package dev.sluice.run;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BatchExportRunRepository extends JpaRepository<BatchExportRun, UUID> {

    Optional<BatchExportRun> findByWorkflowId(String workflowId);

    long countByWorkflowIdStartingWith(String prefix);

    List<BatchExportRun> findByBatchExportIdOrderByDataIntervalEndDescCreatedAtDesc(UUID batchExportId, Pageable page);

    List<BatchExportRun> findByBatchExportIdAndStatusOrderByDataIntervalEndDescCreatedAtDesc(UUID batchExportId, RunStatus status, Pageable page);

    @Query("select r from BatchExportRun r where r.batchExportId = ?1 and r.dataIntervalEnd < ?2 order by r.dataIntervalEnd desc, r.createdAt desc")
    List<BatchExportRun> findBefore(UUID batchExportId, Instant before, Pageable page);

    @Query("select r from BatchExportRun r where r.batchExportId = ?1 and r.status = ?2 and r.dataIntervalEnd < ?3 order by r.dataIntervalEnd desc, r.createdAt desc")
    List<BatchExportRun> findByStatusBefore(UUID batchExportId, RunStatus status, Instant before, Pageable page);

    List<BatchExportRun> findByStatusIn(Collection<RunStatus> statuses);

    List<BatchExportRun> findByBackfillId(UUID backfillId);
}
