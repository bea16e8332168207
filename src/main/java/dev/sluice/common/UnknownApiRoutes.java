package dev.sluice.common;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Answers requests under {@code /api} that no endpoint takes: a JSON 404, or a 405 when the path
 * exists for other methods. Without it such requests would fall through to the UI's servlet.
 */
@RestController
class UnknownApiRoutes {

    private final BeanFactory beans;

    UnknownApiRoutes(BeanFactory beans) {
        this.beans = beans;
    }

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        RequestMappingHandlerMapping mappings = beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> allowed = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (method.getBeanType() != UnknownApiRoutes.class && paths != null && paths.getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name()));
            }
        });
        if (!allowed.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
        }
        throw new NotFoundException("There is no API endpoint at " + request.getRequestURI() + ".");
    }
}
