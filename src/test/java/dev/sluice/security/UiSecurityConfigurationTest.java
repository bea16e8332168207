package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;

@SluiceIntegrationTest
class UiSecurityConfigurationTest {

    @Autowired
    @Qualifier("uiSecurityFilterChain")
    SecurityFilterChain ui;

    @ParameterizedTest
    @ValueSource(strings = {"/api/projects", "/api/projects/1/batch_exports", "/batch", "/capture", "/actuator/health"})
    void leavesThePathsOfTheApiChainAlone(String path) {
        assertThat(ui.matches(new MockHttpServletRequest("POST", path))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/exports", "/login", "/VAADIN/build/indexhtml.js", "/logout"})
    void guardsTheUi(String path) {
        assertThat(ui.matches(new MockHttpServletRequest("GET", path))).isTrue();
    }
}
