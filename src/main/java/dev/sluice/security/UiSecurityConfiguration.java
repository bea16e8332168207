package dev.sluice.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security of the Vaadin UI: form login through {@link LoginView} against the users table, session
 * cookies, view access by annotations. It never claims the paths of the REST API's own chain, which
 * comes first.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /** After the API chain ({@code @Order(1)}). */
    static final int ORDER = 2;

    /** Paths with a security chain of their own: REST API, event capture, actuator. */
    static RequestMatcher nonUiPaths() {
        return new OrRequestMatcher(
                withDefaults().matcher("/api/**"),
                withDefaults().matcher("/batch"),
                withDefaults().matcher("/capture"),
                withDefaults().matcher("/actuator/**"));
    }

    @Bean
    @Order(ORDER)
    SecurityFilterChain uiSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(new NegatedRequestMatcher(nonUiPaths()))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
