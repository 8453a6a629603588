package io.glimpse.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded, schema-driven generator of malformed and well-formed requests to every public route of the gateway:
 * the routes of glance-v2-api.md §1.3 and the key-manager API, the import routes included (they answer 404 until
 * import-service serves them, and 4xx after), with bodies built from the served image and member schemas and then
 * mutated, odd path segments and query filters, odd headers, and broken HTTP framing. The same seed gives the same
 * requests.
 */
final class FuzzRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who sends a request: a demo user's real token, none, or a forged one. */
    enum Caller {
        ALICE,
        CAROL,
        ADMIN,
        ANONYMOUS,
        FORGED
    }

    /** How the request's body is framed: well, or in one of the ways RFC 9112 §6.3 calls ambiguous. */
    enum Framing {
        CONTENT_LENGTH(false, false),
        CHUNKED(false, false),
        /** chunked and a Content-Length: read as chunked, as an intermediary may (the length is dropped). */
        CHUNKED_WITH_CONTENT_LENGTH(false, false),
        UNKNOWN_CODING_WITH_CONTENT_LENGTH(true, true),
        CHUNKED_NOT_FINAL(true, true),
        BAD_CHUNK_SIZE(true, true),
        TWO_CONTENT_LENGTHS(true, true),
        /** 400 (RFC 9112 §3.2); the framing itself is fine, so the connection may stay. */
        NO_HOST(true, false);

        /** Whether the gateway must answer 4xx. */
        final boolean refused;
        /** Whether it must then close the connection, since where the next request starts is unknown. */
        final boolean closes;

        Framing(boolean refused, boolean closes) {
            this.refused = refused;
            this.closes = closes;
        }
    }

    record Request(
            int index,
            Caller caller,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            Framing framing) {

        boolean head() {
            return method.equals("HEAD");
        }

        String describe() {
            String shown = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return "#" + index + " " + caller + " " + method + " " + target + " " + headers + " framing=" + framing
                    + (body.length > 0 ? " body=" + shown : "");
        }

        byte[] bytes(String host, Map<Caller, String> tokens) {
            StringBuilder head =
                    new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (framing != Framing.NO_HOST) {
                head.append("Host: ").append(host).append("\r\n");
            }
            String token = tokens.get(caller);
            if (token != null) {
                head.append("X-Auth-Token: ").append(token).append("\r\n");
            }
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            byte[] framedBody = body;
            switch (framing) {
                case CONTENT_LENGTH, NO_HOST -> {
                    if (body.length > 0 || !method.equals("GET")) {
                        head.append("Content-Length: ").append(body.length).append("\r\n");
                    }
                }
                case CHUNKED -> {
                    head.append("Transfer-Encoding: chunked\r\n");
                    framedBody = chunked(body, false);
                }
                case CHUNKED_WITH_CONTENT_LENGTH -> {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                    head.append("Transfer-Encoding: chunked\r\n");
                    framedBody = chunked(body, false);
                }
                case UNKNOWN_CODING_WITH_CONTENT_LENGTH -> {
                    head.append("Transfer-Encoding: xchunked\r\n");
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                case CHUNKED_NOT_FINAL -> {
                    head.append("Transfer-Encoding: chunked, identity\r\n");
                    framedBody = chunked(body, false);
                }
                case BAD_CHUNK_SIZE -> {
                    head.append("Transfer-Encoding: chunked\r\n");
                    framedBody = chunked(body, true);
                }
                case TWO_CONTENT_LENGTHS -> {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                    head.append("Content-Length: ").append(body.length + 1).append("\r\n");
                }
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[headBytes.length + framedBody.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(framedBody, 0, all, headBytes.length, framedBody.length);
            return all;
        }

        private static byte[] chunked(byte[] body, boolean badSize) {
            StringBuilder framed = new StringBuilder();
            framed.append(badSize ? "zz" : Integer.toHexString(body.length)).append("\r\n");
            String chunk = new String(body, StandardCharsets.ISO_8859_1);
            if (body.length > 0) {
                framed.append(chunk).append("\r\n");
            }
            if (body.length > 0) {
                framed.append("0\r\n\r\n");
            } else if (!badSize) {
                framed.append("\r\n");
            }
            return framed.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** A public route: its path template (segments in braces are filled in) and the methods it serves. */
    private record Route(String template, List<String> methods) {}

    private static final List<Route> ROUTES = List.of(
            new Route("/", List.of("GET")),
            new Route("/versions", List.of("GET")),
            new Route("/healthcheck", List.of("GET")),
            new Route("/v2/images", List.of("GET", "POST")),
            new Route("/v2/images/{image}", List.of("GET", "PATCH", "DELETE")),
            new Route("/v2/images/{image}/file", List.of("GET", "PUT")),
            new Route("/v2/images/{image}/stage", List.of("PUT")),
            new Route("/v2/images/{image}/import", List.of("POST")),
            new Route("/v2/images/{image}/tasks", List.of("GET")),
            new Route("/v2/images/{image}/locations", List.of("GET", "POST")),
            new Route("/v2/images/{image}/actions/deactivate", List.of("POST")),
            new Route("/v2/images/{image}/actions/reactivate", List.of("POST")),
            new Route("/v2/images/{image}/tags/{tag}", List.of("PUT", "DELETE")),
            new Route("/v2/images/{image}/members", List.of("GET", "POST")),
            new Route("/v2/images/{image}/members/{member}", List.of("GET", "PUT", "DELETE")),
            new Route("/v2/tasks", List.of("GET", "POST")),
            new Route("/v2/tasks/{task}", List.of("GET")),
            new Route("/v2/stores/{store}/{image}", List.of("DELETE")),
            new Route("/v2/info/import", List.of("GET")),
            new Route("/v2/info/stores", List.of("GET")),
            new Route("/v2/info/stores/detail", List.of("GET")),
            new Route("/v2/info/usage", List.of("GET")),
            new Route("/v2/schemas/{schema}", List.of("GET")),
            new Route("/v2.{minor}/images", List.of("GET")),
            new Route("/v2/cache", List.of("GET", "DELETE")),
            new Route("/key-manager/v1/secrets", List.of("GET", "POST")),
            new Route("/key-manager/v1/secrets/{secret}", List.of("GET", "DELETE")),
            new Route("/key-manager/v1/secrets/{secret}/payload", List.of("GET")),
            new Route("/{garbage}", List.of("GET")));

    private static final List<String> ODD_SEGMENTS = List.of(
            "%00",
            "a%00b",
            "%25ZZ",
            "%ZZ",
            "x;y",
            "%3B",
            "..",
            "%2e%2e",
            "%2F",
            "%20",
            "%C3%28",
            "%ff",
            "%E2%82%AC",
            "*",
            "{id}",
            "-",
            "null",
            "0",
            "%5C",
            "a".repeat(300));
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final List<String> ACCEPTS = List.of(
            "application/json",
            "*/*",
            "text/html",
            "text/plain",
            "",
            "###",
            "application/json;q=x",
            "application/vnd.openstack.images-v2.1",
            "application/vnd.openstack.images-v9",
            "image/*;q=0.5, )(",
            "application/octet-stream");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/openstack-images-v2.1-json-patch",
            "application/openstack-images-v2.0-json-patch",
            "application/octet-stream",
            "text/plain",
            "",
            "garbage/",
            ";;;",
            "application/json; charset=latin-17");
    private static final List<String> LIST_FILTERS = List.of(
            "limit",
            "marker",
            "sort_key",
            "sort_dir",
            "sort",
            "name",
            "visibility",
            "status",
            "owner",
            "member_status",
            "disk_format",
            "container_format",
            "size_min",
            "size_max",
            "created_at",
            "updated_at",
            "tag",
            "protected",
            "os_hidden",
            "id",
            "checksum",
            "os_hash_value");
    private static final List<String> FILTER_VALUES = List.of(
            "in:",
            "in:a,b",
            "in:\"a,b\",c",
            "in:\"a",
            "eq:x",
            "neq:x",
            "gt:2020-01-01T00:00:00Z",
            "lte:yesterday",
            "%00",
            "-1",
            "0",
            "99999999999999999999",
            "",
            "asc",
            "desc",
            "name:asc,id:desc",
            "name:sideways",
            "public",
            "all",
            "true",
            "maybe",
            "%25ZZ",
            "%ZZ");
    private static final List<String> PATCH_OPS = List.of("add", "replace", "remove", "move", "copy", "test", "nop");

    private final Random random;
    private final List<String> imageProperties;
    private final Map<String, JsonNode> imagePropertySchemas;
    private final List<String> images;
    private final List<String> imagesForAdmin;

    /**
     * @param imageSchema    the served {@code /v2/schemas/image}: its property names and types drive the bodies
     * @param images         image ids to aim at (any caller's, the other project's private one included)
     * @param imagesForAdmin the ones an admin may also change (not the other project's, whose data is checked)
     */
    FuzzRequests(long seed, JsonNode imageSchema, List<String> images, List<String> imagesForAdmin) {
        this.random = new Random(seed);
        this.imagePropertySchemas = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        imageSchema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            imagePropertySchemas.put(property.getKey(), property.getValue());
        }
        this.imageProperties = List.copyOf(imagePropertySchemas.keySet());
        this.images = List.copyOf(images);
        this.imagesForAdmin = List.copyOf(imagesForAdmin);
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next(i));
        }
        return requests;
    }

    private Request next(int index) {
        Caller caller = pick(Caller.values(), new int[] {45, 15, 20, 10, 10});
        Route route = pick(ROUTES);
        String method = chance(12) ? pick(METHODS) : pick(route.methods());
        String target = path(route, caller) + query(route);
        Map<String, String> headers = new LinkedHashMap<>();
        if (chance(80)) {
            headers.put("Accept", pick(ACCEPTS));
        }
        byte[] body = body(route, method, headers);
        if (chance(5)) {
            headers.put("X-Openstack-Request-Id", chance(50) ? "req-" + UUID.randomUUID() : text(100));
        }
        if (route.template().endsWith("/file") && chance(30)) {
            headers.put("Range", pick(List.of("bytes=0-10", "bytes=10-", "bytes=-5", "bytes=99999999-", "bytes=a-b")));
        }
        if (route.template().endsWith("/file") && method.equals("PUT") && chance(30)) {
            headers.put(
                    pick(List.of("X-Image-Meta-Store", "x-openstack-image-size")),
                    pick(List.of("file", "s3", "nope", "-3", "12", "")));
        }
        Framing framing = chance(93) ? (chance(80) ? Framing.CONTENT_LENGTH : Framing.CHUNKED) : pick(Framing.values());
        return new Request(index, caller, method, target, headers, body, framing);
    }

    private String path(Route route, Caller caller) {
        StringBuilder path = new StringBuilder();
        for (String segment : route.template().substring(1).split("/", -1)) {
            path.append('/');
            path.append(
                    switch (segment) {
                        case "{image}" -> chance(15) ? pick(ODD_SEGMENTS) : imageId(caller);
                        case "{tag}" -> chance(30) ? pick(ODD_SEGMENTS) : urlSafe(text(1 + random.nextInt(20)));
                        case "{member}" ->
                            chance(30)
                                    ? pick(ODD_SEGMENTS)
                                    : pick(List.of("project-a", "project-b", "project-c", "admin-project"));
                        case "{task}", "{secret}" ->
                            chance(50) ? pick(ODD_SEGMENTS) : UUID.randomUUID().toString();
                        case "{store}" -> chance(30) ? pick(ODD_SEGMENTS) : pick(List.of("file", "s3", "nope"));
                        case "{schema}" ->
                            chance(20)
                                    ? pick(ODD_SEGMENTS)
                                    : pick(List.of(
                                            "image", "images", "member", "members", "task", "tasks", "metadefs/x"));
                        case "{minor}" -> pick(List.of("0", "1", "15", "18", "19", "x"));
                        case "{garbage}" -> pick(ODD_SEGMENTS);
                        default -> segment;
                    });
        }
        if (chance(3)) {
            path.append('/'); // a trailing slash: an empty last segment
        }
        return path.toString();
    }

    private String imageId(Caller caller) {
        if (chance(20)) {
            return UUID.randomUUID().toString();
        }
        return caller == Caller.ADMIN ? pick(imagesForAdmin) : pick(images);
    }

    private String query(Route route) {
        boolean listing =
                route.template().endsWith("/images") || route.template().endsWith("/tasks");
        if (!(listing ? chance(85) : chance(10))) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int parameters = 1 + random.nextInt(4);
        for (int i = 0; i < parameters; i++) {
            if (i > 0) {
                query.append('&');
            }
            String name = chance(80) ? pick(LIST_FILTERS) : pick(imageProperties);
            String value = chance(60) ? pick(FILTER_VALUES) : urlSafe(text(1 + random.nextInt(12)));
            if (name.equals("marker") && chance(70)) {
                value = pick(images);
            }
            query.append(name).append('=').append(value);
        }
        return query.toString();
    }

    private byte[] body(Route route, String method, Map<String, String> headers) {
        boolean wantsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (!wantsBody && !chance(5)) {
            return new byte[0];
        }
        String template = route.template();
        if (template.endsWith("/file") || template.endsWith("/stage")) {
            headers.put("Content-Type", chance(85) ? "application/octet-stream" : pick(CONTENT_TYPES));
            byte[] data = new byte[random.nextInt(4096)];
            random.nextBytes(data);
            return data;
        }
        headers.put(
                "Content-Type",
                method.equals("PATCH") && chance(85)
                        ? pick(List.of(
                                "application/openstack-images-v2.1-json-patch",
                                "application/openstack-images-v2.0-json-patch"))
                        : chance(85) ? "application/json" : pick(CONTENT_TYPES));
        if (chance(10)) {
            return pick(List.of(
                            "{", "[]", "null", "\"x\"", "{\"a\":", "{}}", "\u0000", "[{]", "{\"name\":\"\\ud800\"}"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        Object document;
        if (method.equals("PATCH")) {
            document = patch();
        } else if (template.endsWith("/members")) {
            document = entry("member", value(null, 0));
        } else if (template.endsWith("/members/{member}")) {
            document = entry("status", chance(50) ? pick(List.of("accepted", "rejected", "pending")) : value(null, 0));
        } else if (template.startsWith("/key-manager")) {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("payload", value(null, 0));
            secret.put("payload_content_type", pick(List.of("application/octet-stream", "text/plain", "x")));
            secret.put("payload_content_encoding", pick(List.of("base64", "none", "")));
            secret.put("secret_type", pick(List.of("certificate", "opaque", "x")));
            document = secret;
        } else if (template.endsWith("/locations")) {
            Map<String, Object> location =
                    entry("url", pick(List.of("file:///etc/passwd", "s3://x/y", "http://h/%00", "")));
            location.put("validation_data", value(null, 1));
            document = location;
        } else {
            document = image();
        }
        try {
            return JSON.writeValueAsBytes(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> image() {
        Map<String, Object> image = new LinkedHashMap<>();
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String name = chance(85) ? pick(imageProperties) : text(1 + random.nextInt(10));
            image.put(name, chance(70) ? typedValue(imagePropertySchemas.get(name)) : value(null, 0));
        }
        return image;
    }

    private List<Object> patch() {
        List<Object> operations = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("op", pick(PATCH_OPS));
            String property = pick(imageProperties);
            operation.put(
                    "path",
                    pick(List.of(
                            "/" + property,
                            "/" + property,
                            "/tags/-",
                            "/locations/0",
                            "/locations/-",
                            "",
                            "/",
                            "/~2",
                            "/" + text(5) + "/x")));
            if (chance(80)) {
                operation.put("value", chance(60) ? typedValue(imagePropertySchemas.get(property)) : value(null, 0));
            }
            if (chance(10)) {
                operation.put("from", "/" + property);
            }
            operations.add(operation);
        }
        return operations;
    }

    /** A value of the schema's type, or near it: the type's edges, the enum's members, a null where allowed. */
    private Object typedValue(JsonNode schema) {
        if (schema == null) {
            return value(null, 0);
        }
        JsonNode enumeration = schema.path("enum");
        if (enumeration.isArray() && !enumeration.isEmpty() && chance(60)) {
            JsonNode member = enumeration.get(random.nextInt(enumeration.size()));
            return member.isNull() ? null : member.asText();
        }
        String type = schema.path("type").isArray()
                ? schema.path("type")
                        .get(random.nextInt(schema.path("type").size()))
                        .asText()
                : schema.path("type").asText("string");
        return value(type, 0);
    }

    private Object value(String type, int depth) {
        String chosen = type != null && chance(80)
                ? type
                : pick(List.of("string", "integer", "boolean", "null", "array", "object", "number"));
        return switch (chosen) {
            case "integer" ->
                pick(List.of(0, 1, -1, Integer.MAX_VALUE, Long.MAX_VALUE, random.nextInt(100000), Long.MIN_VALUE));
            case "number" -> pick(List.of(0.5, -1e300, 1e300, Double.MIN_VALUE));
            case "boolean" -> random.nextBoolean();
            case "null" -> null;
            case "array" -> depth > 2 ? List.of() : Arrays.asList(value(null, depth + 1), value("string", depth + 1));
            case "object" -> depth > 2 ? Map.of() : entry(text(4), value(null, depth + 1));
            default ->
                chance(30)
                        ? pick(List.of("", "\u0000", "a\u0000b", "x".repeat(70_000), "é€😀", "%00", "' or 1=1 --"))
                        : text(1 + random.nextInt(30));
        };
    }

    /** A one-entry map that, unlike Map.of, takes a null value (JSON null is half the point). */
    private static Map<String, Object> entry(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private String text(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~ :/?#[]@!$&'()*+,;=%\"\\<>{}|^`é€";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String urlSafe(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(T[] options, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < options.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return options[i];
            }
        }
        return options[options.length - 1];
    }
}
