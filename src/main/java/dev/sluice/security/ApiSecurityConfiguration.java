package dev.sluice.security;

import dev.sluice.common.ApiErrorResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Security of the REST API, the capture endpoints and actuator: stateless, no CSRF, HTTP Basic
 * with a user's email and password ({@code sluice.api.basic-auth}, default on) or a personal API key
 * as bearer token. Every 401/403 carries the JSON error body. The UI has its own chain for all other paths.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    /** Open to anyone: capture authenticates by the project's api_key in the body; probes and metrics need no login. */
    static final String[] OPEN_PATHS = {"/batch", "/capture", "/actuator/health", "/actuator/health/**", "/actuator/prometheus"};

    /**
     * The open paths get a chain without any authentication mechanism, so a stray Authorization
     * header (an HTTP destination's token, a proxy's Basic credentials) cannot turn a capture into a 401.
     */
    @Bean
    @Order(0)
    SecurityFilterChain openEndpointsSecurity(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher(OPEN_PATHS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, SluiceUserDetailsService userDetails,
                                    ThrottledAuthenticationProvider passwordAuthentication, PersonalApiKeyService keys, ApiErrorResponses errors,
                                    @Value("${sluice.api.basic-auth:true}") boolean basicAuth) throws Exception {
        AuthenticationEntryPoint entryPoint = entryPoint(errors, basicAuth);
        AccessDeniedHandler accessDenied = (request, response, e) -> errors.write(response, HttpStatus.FORBIDDEN,
                "You do not have permission to perform this action.", null);

        stateless(http.securityMatcher("/api/**", "/batch", "/capture", "/actuator/**"))
                .authenticationManager(new ProviderManager(passwordAuthentication))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN_PATHS).permitAll().anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, userDetails, entryPoint), BasicAuthenticationFilter.class);
        if (basicAuth) {
            http.httpBasic(b -> b.authenticationEntryPoint(entryPoint));
        } else {
            http.httpBasic(AbstractHttpConfigurer::disable);
        }
        return http.build();
    }

    /**
     * The firewall's refusals (a {@code ;} or an encoded slash in the URL) get the JSON error body on
     * API paths; elsewhere they keep Spring Security's plain 400.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ApiErrorResponses errors) {
        RequestRejectedHandler plain = new HttpStatusRequestRejectedHandler();
        return (request, response, e) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/batch") || path.startsWith("/capture")) {
                errors.write(response, HttpStatus.BAD_REQUEST, "The request was rejected: its URL contains characters that are not allowed.", null);
            } else {
                plain.handle(request, response, e);
            }
        };
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    }

    private static AuthenticationEntryPoint entryPoint(ApiErrorResponses errors, boolean basicAuth) {
        return (request, response, e) -> {
            String detail;
            if (e instanceof InvalidApiKeyException || e instanceof LockedException) {
                detail = e.getMessage();
            } else if (e instanceof InsufficientAuthenticationException) {
                detail = basicAuth
                        ? "Authentication credentials were not provided: send a personal API key as a Bearer token, or HTTP Basic credentials."
                        : "Authentication credentials were not provided: send a personal API key as a Bearer token.";
            } else {
                detail = "Invalid email or password.";
            }
            if (basicAuth) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"Sluice\"");
            }
            response.addHeader("WWW-Authenticate", "Bearer realm=\"Sluice\"");
            errors.write(response, HttpStatus.valueOf(HttpServletResponse.SC_UNAUTHORIZED), detail, null);
        };
    }
}
