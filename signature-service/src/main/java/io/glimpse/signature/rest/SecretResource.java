package io.glimpse.signature.rest;

import io.glimpse.contracts.error.HttpReasons;
import io.glimpse.signature.config.SignatureConfig;
import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.PayloadNotAcceptableException;
import io.glimpse.signature.mapping.NewSecretParser;
import io.glimpse.signature.mapping.SecretRepresentation;
import io.glimpse.signature.service.CertificateService;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /key-manager/v1/secrets}: the part of Barbican's secrets API that image signing uses (store,
 * show, payload, list, delete), for certificates. HTTP only; the use cases live in {@link CertificateService}.
 * Its errors have Barbican's body, not Glance's: the clients of this API are Barbican's.
 */
@Path(SecretRepresentation.SECRETS_PATH)
@Authenticated
public class SecretResource {
    private final CertificateService certificates;
    private final NewSecretParser parser;
    private final CurrentCaller caller;
    private final SignatureConfig config;

    public SecretResource(
            CertificateService certificates, NewSecretParser parser, CurrentCaller caller, SignatureConfig config) {
        this.certificates = certificates;
        this.parser = parser;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> store(Object body) {
        return certificates.store(caller.get(), parser.parse(body)).map(secret -> {
            String ref = SecretRepresentation.secretRef(config.publicUrl(), secret);
            return Response.created(URI.create(ref))
                    .entity(Map.of("secret_ref", ref))
                    .build();
        });
    }

    /** Barbican's paging: offset below 0 → 0, limit below 1 → 1, above the maximum → the maximum, unreadable → defaults. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> list(
            @QueryParam("offset") String offset, @QueryParam("limit") String limit, @QueryParam("name") String name) {
        int from = Math.max(0, integer(offset).orElse(0));
        int size = Math.min(config.maxListLimit(), Math.max(1, integer(limit).orElse(config.defaultListLimit())));
        return certificates
                .list(caller.get(), Optional.ofNullable(name), from, size)
                .map(page -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put(
                            "secrets",
                            page.secrets().stream()
                                    .map(secret -> SecretRepresentation.of(config.publicUrl(), secret))
                                    .toList());
                    json.put("total", page.total());
                    if (page.total() > from + size) {
                        json.put("next", pageUrl(from + size, size, name));
                    }
                    if (from > 0) {
                        json.put("previous", pageUrl(Math.max(0, from - size), size, name));
                    }
                    return json;
                });
    }

    /** Metadata as JSON, or the payload when the client asks for octet-stream or text (Barbican's Accept switch). */
    @GET
    @Path("/{secretId}")
    public Uni<Response> show(@PathParam("secretId") String secretId, @Context HttpHeaders headers) {
        boolean wantsPayload = headers.getAcceptableMediaTypes().stream()
                .findFirst()
                .filter(type -> !type.isWildcardType() && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE))
                .isPresent();
        return certificates
                .show(caller.get(), secretId)
                .map(secret -> wantsPayload
                        ? payload(secret, headers.getAcceptableMediaTypes())
                        : Response.ok(
                                        SecretRepresentation.of(config.publicUrl(), secret),
                                        MediaType.APPLICATION_JSON_TYPE)
                                .build());
    }

    @GET
    @Path("/{secretId}/payload")
    public Uni<Response> payload(@PathParam("secretId") String secretId, @Context HttpHeaders headers) {
        return certificates
                .show(caller.get(), secretId)
                .map(secret -> payload(secret, headers.getAcceptableMediaTypes()));
    }

    @DELETE
    @Path("/{secretId}")
    public Uni<Response> delete(@PathParam("secretId") String secretId) {
        return certificates
                .delete(caller.get(), secretId)
                .map(deleted -> Response.noContent().build());
    }

    /**
     * Barbican's error body {@code {"code", "title", "description"}}: python-barbicanclient shows
     * "title: description", so with Glance's body its users would never see why a request failed.
     */
    @ServerExceptionMapper
    public Response barbicanError(GlimpseException e) {
        return barbicanError(e.status(), e.getMessage());
    }

    /** The framework's refusals inside this resource, chiefly an unreadable JSON body. */
    @ServerExceptionMapper
    public Response barbicanFrameworkError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return barbicanError(status, status == 400 ? "Malformed JSON in request body." : HttpReasons.phrase(status));
    }

    private static Response barbicanError(int status, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("title", HttpReasons.phrase(status));
        body.put("description", description);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    private static Response payload(Certificate secret, List<MediaType> acceptable) {
        MediaType stored = MediaType.valueOf(secret.payloadContentType);
        if (!acceptable.isEmpty() && acceptable.stream().noneMatch(type -> type.isCompatible(stored))) {
            throw new PayloadNotAcceptableException(secret.payloadContentType);
        }
        return Response.ok(secret.payload, stored).build();
    }

    private String pageUrl(int offset, int limit, String name) {
        return config.publicUrl() + SecretRepresentation.SECRETS_PATH + "?limit=" + limit + "&offset=" + offset
                + (name == null ? "" : "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private static Optional<Integer> integer(String value) {
        try {
            return Optional.ofNullable(value).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
