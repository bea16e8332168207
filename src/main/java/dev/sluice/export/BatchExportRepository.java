package dev.sluice.export;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BatchExportRepository extends JpaRepository<BatchExport, UUID> {

    List<BatchExport> findByProjectIdAndDeletedFalseOrderByCreatedAtDesc(UUID projectId);

    Optional<BatchExport> findByIdAndProjectIdAndDeletedFalse(UUID id, UUID projectId);

    List<BatchExport> findByDeletedFalseAndPausedFalse();
}
