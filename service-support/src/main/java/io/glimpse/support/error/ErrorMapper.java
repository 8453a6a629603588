package io.glimpse.support.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.glimpse.contracts.error.ErrorBody;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one place errors become HTTP answers: Glance's {@code {"message","code","title"}} for JSON
 * clients, text/plain or text/html otherwise (glance-v2-api.md §1.4).
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    /** Seconds a client is asked to wait before retrying when a component is down (PostgreSQL, a store). */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response typed(GlimpseException e, HttpHeaders headers) {
        Response rendered = render(e.status(), e.getMessage(), headers);
        return e.status() == 503 ? withRetryAfter(rendered) : rendered;
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpHeaders headers) {
        return render(400, "Malformed JSON in request body.", headers);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpHeaders headers) {
        Response original = e.getResponse();
        Response rendered = render(original.getStatus(), explanation(original.getStatus()), headers);
        if (original.getHeaderString("Allow") != null) {
            return Response.fromResponse(rendered)
                    .header("Allow", original.getHeaderString("Allow"))
                    .build();
        }
        return rendered;
    }

    /**
     * Whatever no typed mapper took: an outage of a component (PostgreSQL down, its pool exhausted) is 503 with
     * {@code Retry-After}, a value the database cannot hold is 400, a create that lost a race to a concurrent one
     * is 409, and only the rest is a bug, 500.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpHeaders headers) {
        return switch (FailureKind.of(e)) {
            case UNAVAILABLE -> {
                LOG.warnf("a component is unavailable, answering 503: %s", e.toString());
                yield withRetryAfter(
                        render(503, "The service is temporarily unavailable; please retry later.", headers));
            }
            case BAD_INPUT -> {
                LOG.infof("the database refused a value of the request: %s", e.toString());
                yield render(400, "The request contains a value that cannot be stored or matched.", headers);
            }
            case CONFLICT -> {
                LOG.infof("a concurrent request wrote the same key first: %s", e.toString());
                yield render(409, "A concurrent request created the same resource; it already exists.", headers);
            }
            case BUG -> {
                LOG.error("unexpected failure", e);
                yield render(500, "The server could not complete the request.", headers);
            }
        };
    }

    private static Response withRetryAfter(Response response) {
        return Response.fromResponse(response)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    public static Response render(int status, String explanation, HttpHeaders headers) {
        ErrorBody body = ErrorBody.of(status, explanation);
        MediaType type = preferred(acceptable(headers));
        Object entity = switch (type.getSubtype()) {
            case "json" -> body;
            case "html" -> body.asHtml();
            default -> body.asPlainText();
        };
        return Response.status(status).type(type).entity(entity).build();
    }

    /**
     * The Accept header's media types; an empty or malformed one counts as none, as webob reads it
     * (openstacksdk uploads image data with {@code Accept: } and an empty value). {@link RequestHeaderHygiene}
     * removes such a header before routing; this covers an answer rendered before that filter ran.
     */
    private static List<MediaType> acceptable(HttpHeaders headers) {
        try {
            return headers.getAcceptableMediaTypes();
        } catch (IllegalArgumentException malformed) {
            return List.of(MediaType.WILDCARD_TYPE);
        }
    }

    /** webob offers text/html first, then text/plain, then JSON: a wildcard Accept gets HTML. */
    private static MediaType preferred(List<MediaType> acceptable) {
        for (MediaType candidate : acceptable) {
            if (candidate.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !candidate.isWildcardType()) {
                return MediaType.APPLICATION_JSON_TYPE;
            }
            if (candidate.isWildcardType() || candidate.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return MediaType.TEXT_HTML_TYPE;
            }
            if (candidate.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return MediaType.TEXT_PLAIN_TYPE;
            }
        }
        return MediaType.TEXT_PLAIN_TYPE;
    }

    private static String explanation(int status) {
        return switch (status) {
            case 401 -> "This server could not verify that you are authorized to access the document you requested.";
            case 403 -> "Access was denied to this resource.";
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for this resource.";
            case 406 -> "The requested media type is not available.";
            case 415 -> "The request media type is not supported by this server.";
            default -> "The request could not be completed.";
        };
    }
}
