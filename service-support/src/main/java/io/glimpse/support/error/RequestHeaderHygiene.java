package io.glimpse.support.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Every service's first look at a request, before routing: an {@code Accept} header that is empty or does not
 * parse counts as absent (webob ignores an invalid header the same way), so the route answers as it would
 * without one instead of failing in content negotiation.
 */
public class RequestHeaderHygiene {

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void acceptHeader(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null && !accept.stream().allMatch(RequestHeaderHygiene::parses)) {
            request.getHeaders().remove(HttpHeaders.ACCEPT);
        }
    }

    private static boolean parses(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            for (String range : value.split(",")) {
                if (!range.isBlank()) {
                    MediaType.valueOf(range.strip());
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
