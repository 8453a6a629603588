package io.glimpse.gateway.routing;

import io.glimpse.contracts.internal.SendFile;
import io.glimpse.gateway.requestid.RequestId;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header rules of a reverse proxy (RFC 9110 §7.6.1): hop-by-hop headers, and any header the
 * {@code Connection} header names, stay on their own hop in both directions. Towards the services
 * the caller's identity travels only as the original bearer token, never as headers they would
 * have to trust.
 */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    /** Replaced by the gateway's own values, so whatever the client sent is dropped. */
    private static final Set<String> REPLACED_UPSTREAM = Set.of(
            "host",
            "authorization",
            "x-auth-token",
            RequestId.HEADER.toLowerCase(Locale.ROOT),
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            // The gateway answers 100-continue itself once it has decided to forward the body.
            "expect",
            // Only the gateway offers to send files, never a client.
            SendFile.OFFER.toLowerCase(Locale.ROOT),
            SendFile.PATH.toLowerCase(Locale.ROOT),
            SendFile.SPAN.toLowerCase(Locale.ROOT));

    /** What a service tells the gateway alone. */
    private static final Set<String> INTERNAL_DOWNSTREAM =
            Set.of(SendFile.PATH.toLowerCase(Locale.ROOT), SendFile.SPAN.toLowerCase(Locale.ROOT));

    private static final String JSON = "application/json";

    private ForwardedHeaders() {}

    static MultiMap towardsUpstream(
            HttpServerRequest in, String token, RequestId requestId, boolean replaceAccept, boolean offerSendFile) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Set<String> dropped = connectionScoped(in.headers());
        for (Map.Entry<String, String> header : in.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!dropped.contains(name) && !REPLACED_UPSTREAM.contains(name)) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        headers.set(RequestId.HEADER, requestId.value());
        headers.set("X-Forwarded-For", forwardedFor(in));
        headers.set("X-Forwarded-Host", in.authority() != null ? in.authority().toString() : in.host());
        headers.set("X-Forwarded-Proto", in.scheme());
        if (replaceAccept) {
            headers.set(HttpHeaders.ACCEPT, JSON);
        }
        if (offerSendFile) {
            headers.set(SendFile.OFFER, "1");
        }
        return headers;
    }

    static void copyTowardsClient(MultiMap fromUpstream, MultiMap toClient) {
        Set<String> dropped = connectionScoped(fromUpstream);
        dropped.addAll(INTERNAL_DOWNSTREAM);
        for (Map.Entry<String, String> header : fromUpstream) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                toClient.add(header.getKey(), header.getValue());
            }
        }
    }

    /** Whether the client asked to be told to go on before sending its body. */
    static boolean expectsContinue(HttpServerRequest in) {
        String expect = in.getHeader(HttpHeaders.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    private static Set<String> connectionScoped(MultiMap headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                names.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String forwardedFor(HttpServerRequest in) {
        String client =
                in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        String earlier = String.join(", ", in.headers().getAll("X-Forwarded-For"));
        return earlier.isBlank() ? client : earlier + ", " + client;
    }
}
