package dev.sluice.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Servlet-level settings of the REST API and the capture endpoints. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration {

    /** Before Spring Security (order -100), so an oversized body is refused before anything reads it. */
    static final int BODY_LIMIT_ORDER = -200;

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(@Value("${sluice.api.max-body-size:20MB}") DataSize maxBodySize,
                                                              ApiErrorResponses errors) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(maxBodySize.toBytes(), errors));
        registration.addUrlPatterns("/api/*", "/batch", "/capture");
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.setName("sluiceRequestBodyLimit");
        return registration;
    }
}
