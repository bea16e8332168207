package dev.sluice.run;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface RunLogRepository extends JpaRepository<RunLog, Long>, JpaSpecificationExecutor<RunLog> {

    Page<RunLog> findByBatchExportIdOrderByTimestampDescIdDesc(UUID batchExportId, Pageable page);
}
