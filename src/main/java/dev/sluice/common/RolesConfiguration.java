package dev.sluice.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The process's {@link SluiceRoles}. A process without the web role keeps its HTTP port for
 * actuator alone (health, readiness, Prometheus); every other path answers 404.
 */
@Configuration(proxyBeanMethods = false)
class RolesConfiguration {

    @Bean
    SluiceRoles sluiceRoles(Environment env) {
        return SluiceRoles.of(env);
    }

    @Bean
    FilterRegistrationBean<ActuatorOnly> actuatorOnlyWithoutWebRole(SluiceRoles roles) {
        FilterRegistrationBean<ActuatorOnly> registration = new FilterRegistrationBean<>(new ActuatorOnly());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("sluiceActuatorOnly");
        registration.setEnabled(!roles.web());
        return registration;
    }

    static final class ActuatorOnly extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/actuator") || path.startsWith("/actuator/")) {
                chain.doFilter(request, response);
            } else {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }
}
