package dev.sluice.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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

    /**
     * What Vaadin needs and no more: its bootstrap and theme use inline scripts and styles, and its
     * client talks back over XHR and a websocket to the same origin; nothing may frame the UI from elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

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
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(f -> f.sameOrigin()))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
