package dev.sluice.run;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BackfillRepository extends JpaRepository<Backfill, UUID> {

    List<Backfill> findByBatchExportIdOrderByCreatedAtDesc(UUID batchExportId);

    Optional<Backfill> findByIdAndBatchExportId(UUID id, UUID batchExportId);

    List<Backfill> findByStatusIn(Collection<BackfillStatus> statuses);
}
