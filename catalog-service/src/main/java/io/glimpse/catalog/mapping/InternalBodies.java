package io.glimpse.catalog.mapping;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bodies of the internal API, read with contracts' one event mapping (so caller and callee never disagree), and the
 * user another service acts for, as this service's {@link Caller}.
 */
public final class InternalBodies {
    private InternalBodies() {}

    /** @throws GlimpseException.BadRequest when the body is not a {@code type} */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new GlimpseException.BadRequest("Body expected in request.");
        }
        try {
            return EventJson.read(body, type);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest(e.getMessage());
        }
    }

    /** @throws GlimpseException.BadRequest when the user or its project is missing */
    public static Caller caller(ActingUser user) {
        if (user == null || user.userId() == null || user.projectId() == null) {
            throw new GlimpseException.BadRequest("The acting user (user_id, project_id) is required.");
        }
        Set<String> roles = user.roles() == null
                ? Set.of()
                : user.roles().stream()
                        .map(role -> role.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        String requestId = user.requestId() != null ? user.requestId() : "req-" + UUID.randomUUID();
        return new Caller(user.userId(), user.projectId(), roles, requestId);
    }
}
