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
 * the routes of glance-v2-api.md §1.3, the import workflow's (staging, imports, tasks), the key-manager API and the
 * Keystone identity endpoint, with bodies built from the served image and member schemas (imports, tasks, Keystone
 * authentications and application credentials from their documented shapes) and then mutated, odd path segments and
 * query filters, odd headers, and broken HTTP framing. The same seed gives the same requests.
 */
final class FuzzRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A header value naming a caller's real token, e.g. {@code token-of:ALICE}. */
    static final String TOKEN_OF = "token-of:";

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
            headers.forEach((name, value) -> head.append(name)
                    .append(": ")
                    .append(value.startsWith(TOKEN_OF) ? tokenOf(value, tokens) : value)
                    .append("\r\n"));
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

        /** A real token named in a header ({@code X-Subject-Token}), resolved only when the bytes are written. */
        private static String tokenOf(String placeholder, Map<Caller, String> tokens) {
            return tokens.getOrDefault(Caller.valueOf(placeholder.substring(TOKEN_OF.length())), "");
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
            new Route("/identity", List.of("GET")),
            new Route("/identity/v3", List.of("GET", "HEAD")),
            new Route("/identity/v3/auth/tokens", List.of("POST", "POST", "GET", "HEAD", "DELETE")),
            new Route("/identity/v3/auth/{auth}", List.of("GET")),
            new Route("/identity/v3/projects", List.of("GET")),
            new Route("/identity/v3/projects/{project}", List.of("GET")),
            new Route("/identity/v3/users/{user}/projects", List.of("GET")),
            new Route("/identity/v3/users/{user}/application_credentials", List.of("GET", "POST")),
            new Route("/identity/v3/users/{user}/application_credentials/{credential}", List.of("GET", "DELETE")),
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
            "os_hash_value",
            "type",
            "nocatalog");
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
    private final List<String> tasks;
    private final Map<Caller, String> userIds;

    /**
     * @param imageSchema    the served {@code /v2/schemas/image}: its property names and types drive the bodies
     * @param images         image ids to aim at (any caller's, the other project's private one included)
     * @param imagesForAdmin the ones an admin may also change (not the other project's, whose data is checked)
     * @param tasks          ids of real tasks (of any project) to aim at
     * @param userIds        the Keystone user ids of the callers with a real token (the identity routes' {user})
     */
    FuzzRequests(
            long seed,
            JsonNode imageSchema,
            List<String> images,
            List<String> imagesForAdmin,
            List<String> tasks,
            Map<Caller, String> userIds) {
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
        this.tasks = List.copyOf(tasks);
        this.userIds = Map.copyOf(userIds);
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
        if (route.template().equals("/identity/v3/auth/tokens") && chance(85)) {
            headers.put("X-Subject-Token", subjectToken(caller, method));
        }
        if (route.template().endsWith("/import") && chance(20)) {
            headers.put("X-Image-Meta-Store", pick(List.of("file", "s3", "nope", "", "file,s3")));
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
                        case "{task}" ->
                            chance(30)
                                    ? pick(ODD_SEGMENTS)
                                    : chance(60) && !tasks.isEmpty()
                                            ? pick(tasks)
                                            : UUID.randomUUID().toString();
                        case "{secret}", "{credential}" ->
                            chance(50) ? pick(ODD_SEGMENTS) : UUID.randomUUID().toString();
                        case "{auth}" ->
                            chance(20)
                                    ? pick(ODD_SEGMENTS)
                                    : pick(List.of("catalog", "projects", "domains", "system", "tokens"));
                        case "{project}" ->
                            chance(30)
                                    ? pick(ODD_SEGMENTS)
                                    : pick(List.of("project-a", "project-b", "admin-project", "no-such-project"));
                        case "{user}" -> userId(caller);
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

    /** Mostly the caller's own user id (so the route's real work runs), else someone else's or an odd one. */
    private String userId(Caller caller) {
        if (chance(60) && userIds.containsKey(caller)) {
            return userIds.get(caller);
        }
        if (chance(50) && !userIds.isEmpty()) {
            return pick(List.copyOf(userIds.values()));
        }
        return chance(50) ? pick(ODD_SEGMENTS) : UUID.randomUUID().toString();
    }

    /**
     * The subject of a token validation: a real token (the caller's, or another user's), a forged or a garbage one.
     * A revocation gets only tokens no caller uses, or it would take the caller's token away from the rest of the run.
     */
    private String subjectToken(Caller caller, String method) {
        if (!method.equals("DELETE") && chance(60)) {
            return TOKEN_OF + (chance(60) ? caller : pick(List.of(Caller.ALICE, Caller.CAROL, Caller.ADMIN))).name();
        }
        return chance(50) ? TOKEN_OF + Caller.FORGED.name() : pick(List.of("", "x", "a.b.c", "%00", text(40)));
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
        } else if (template.endsWith("/import")) {
            document = importRequest();
        } else if (template.equals("/v2/tasks")) {
            document = newTask();
        } else if (template.equals("/identity/v3/auth/tokens")) {
            document = authentication();
        } else if (template.endsWith("/application_credentials")) {
            document = applicationCredential();
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

    /** {@code POST /v2/images/{id}/import}: a method and its arguments, the target stores (glance-v2-api.md §5.3). */
    private Map<String, Object> importRequest() {
        Map<String, Object> method = new LinkedHashMap<>();
        if (chance(90)) {
            method.put(
                    "name",
                    chance(85)
                            ? pick(List.of(
                                    "glance-direct", "glance-direct", "copy-image", "web-download", "glance-download"))
                            : value(null, 0));
        }
        if (chance(40)) {
            // Only loopback or unreachable addresses: a fuzz run never sends traffic elsewhere.
            method.put(
                    "uri",
                    chance(80)
                            ? pick(List.of(
                                    "http://127.0.0.1:1/image",
                                    "file:///etc/passwd",
                                    "http://127.0.0.1:9292/v2/images",
                                    "ftp://127.0.0.1/x",
                                    "http://[::1",
                                    "",
                                    "%00"))
                            : value(null, 0));
        }
        if (chance(15)) {
            method.put(pick(List.of("glance_image_id", "glance_region", "glance_service_interface")), value(null, 0));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", chance(90) ? method : value(null, 0));
        if (chance(40)) {
            request.put(
                    "stores",
                    chance(70)
                            ? Arrays.asList(pick(List.of("file", "s3", "nope", "")), pick(List.of("file", "s3")))
                            : value(null, 0));
        }
        if (chance(30)) {
            request.put("all_stores", chance(70) ? random.nextBoolean() : value(null, 0));
        }
        if (chance(30)) {
            request.put("all_stores_must_succeed", chance(70) ? random.nextBoolean() : value(null, 0));
        }
        return request;
    }

    /** {@code POST /v2/tasks}: Glance's task creation ({"type", "input"}), which Glimpse refuses as Glance does. */
    private Map<String, Object> newTask() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put(
                "type",
                chance(70) ? pick(List.of("import", "api_image_import", "location_import", "x")) : value(null, 0));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("import_from", pick(List.of("http://127.0.0.1:1/x", "swift://x", "", "%00")));
        input.put("import_from_format", chance(70) ? pick(List.of("raw", "qcow2", "x")) : value(null, 0));
        input.put("image_properties", chance(70) ? image() : value(null, 0));
        task.put("input", chance(85) ? input : value(null, 0));
        return task;
    }

    /** {@code POST /identity/v3/auth/tokens}: Keystone's password, token and application_credential methods. */
    private Map<String, Object> authentication() {
        String method = pick(List.of("password", "token", "application_credential", "totp", "x"));
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("methods", chance(85) ? List.of(method) : value(null, 0));
        switch (method) {
            case "password" -> {
                Map<String, Object> user = new LinkedHashMap<>();
                if (chance(60)) {
                    user.put("name", pick(List.of("alice", "carol", "nobody", "", "alice\u0000")));
                    user.put("domain", entry(pick(List.of("name", "id")), pick(List.of("Default", "default", "x"))));
                } else {
                    user.put("id", chance(70) ? userId(Caller.ALICE) : value(null, 0));
                }
                user.put("password", chance(50) ? pick(List.of("alice", "carol", "wrong", "")) : value(null, 0));
                identity.put("password", entry("user", chance(85) ? user : value(null, 0)));
            }
            case "token" -> identity.put("token", entry("id", chance(50) ? text(30) : value(null, 0)));
            case "application_credential" -> {
                Map<String, Object> credential = new LinkedHashMap<>();
                credential.put(
                        chance(50) ? "id" : "name",
                        chance(70) ? UUID.randomUUID().toString() : value(null, 0));
                credential.put("secret", chance(70) ? text(20) : value(null, 0));
                if (chance(30)) {
                    credential.put("user", entry("id", userId(Caller.ALICE)));
                }
                identity.put("application_credential", credential);
            }
            default -> identity.put(method, value(null, 0));
        }
        Map<String, Object> auth = entry("identity", chance(90) ? identity : value(null, 0));
        if (chance(50)) {
            auth.put(
                    "scope",
                    chance(70)
                            ? entry(
                                    "project",
                                    chance(50)
                                            ? entry("id", pick(List.of("project-a", "project-b", "x")))
                                            : value(null, 1))
                            : pick(List.of("unscoped", "system")));
        }
        return entry("auth", chance(95) ? auth : value(null, 0));
    }

    /**
     * {@code POST /identity/v3/users/{id}/application_credentials}. A string name always starts with {@code fuzz-},
     * so the credentials a run does create can be told apart and deleted after it.
     */
    private Map<String, Object> applicationCredential() {
        Map<String, Object> credential = new LinkedHashMap<>();
        if (chance(90)) {
            credential.put("name", chance(70) ? "fuzz-" + text(1 + random.nextInt(20)) : nonString());
        }
        if (chance(30)) {
            credential.put("secret", chance(70) ? text(random.nextInt(30)) : nonString());
        }
        if (chance(30)) {
            credential.put(
                    "expires_at",
                    pick(List.of("2000-01-01T00:00:00Z", "2999-01-01T00:00:00", "tomorrow", "", "2030-13-45T99:99")));
        }
        if (chance(30)) {
            credential.put(
                    "roles",
                    chance(60)
                            ? List.of(
                                    entry(pick(List.of("name", "id")), pick(List.of("member", "admin", "reader", "x"))))
                            : value(null, 1));
        }
        if (chance(15)) {
            credential.put("unrestricted", value("boolean", 0));
        }
        if (chance(10)) {
            credential.put("access_rules", value("array", 0));
        }
        return entry("application_credential", chance(90) ? credential : value(null, 0));
    }

    /** Any JSON value but a string. */
    private Object nonString() {
        return value(pick(List.of("integer", "boolean", "null", "array", "object", "number")), 0);
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
