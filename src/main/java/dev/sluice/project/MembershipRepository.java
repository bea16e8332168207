package dev.sluice.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MembershipRepository extends JpaRepository<Membership, UUID> {

    List<Membership> findByUserId(UUID userId);

    List<Membership> findByProjectId(UUID projectId);

    Optional<Membership> findByProjectIdAndUserId(UUID projectId, UUID userId);
}
