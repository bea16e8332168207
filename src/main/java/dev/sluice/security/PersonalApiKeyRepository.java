package dev.sluice.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PersonalApiKeyRepository extends JpaRepository<PersonalApiKey, UUID> {

    Optional<PersonalApiKey> findByValueHashAndRevokedAtIsNull(String valueHash);

    List<PersonalApiKey> findByUserIdOrderByCreatedAtDesc(UUID userId);
}
