package dev.sluice;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void featureModulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
        ApplicationModules.of(SluiceApplication.class).verify();
    }
}
