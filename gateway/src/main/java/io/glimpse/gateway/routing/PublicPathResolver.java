package io.glimpse.gateway.routing;

import io.glimpse.gateway.routing.Destination.Api;
import io.glimpse.gateway.routing.Destination.ApiCall;
import io.glimpse.gateway.routing.Destination.Console;
import io.glimpse.gateway.routing.Destination.Healthcheck;
import io.glimpse.gateway.routing.Destination.Hidden;
import io.glimpse.gateway.routing.Destination.Identity;
import io.glimpse.gateway.routing.Destination.VersionList;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Glance's version negotiation (glance-v2-api.md §1.1): {@code /versions} lists versions;
 * {@code /v2} and {@code /v2.0} … {@code /v2.18} are the image API, rewritten to {@code /v2};
 * a version in {@code Accept: application/vnd.openstack.images-v2.x} also selects it; any other
 * first segment (including none, i.e. {@code /}) gets the version list with 300. {@code /identity}
 * is the Keystone endpoint the gateway serves itself, {@code /console} the operator console.
 */
@ApplicationScoped
public class PublicPathResolver {

    private static final Pattern V2_VERSION = Pattern.compile("v2(\\.([0-9]|1[0-8]))?");
    private static final String VERSIONED_MEDIA_TYPE = "application/vnd.openstack.images-";
    private static final String V2 = "/v2";

    public Destination resolve(String normalizedPath, Optional<String> accept) {
        RequestPath path = RequestPath.of(normalizedPath);
        String first = path.first();
        switch (first) {
            case "versions":
                return new VersionList(200);
            case "healthcheck":
                return path.segments().size() == 1 ? new Healthcheck() : new VersionList(300);
            case "internal":
                return new Hidden();
            case "identity":
                return new Identity();
            case "console":
                return new Console(path);
            case "key-manager":
                return new ApiCall(path, Api.KEY_MANAGER, false);
            default:
                break;
        }
        Optional<String> acceptVersion = accept.filter(value -> value.startsWith(VERSIONED_MEDIA_TYPE))
                .map(value -> value.substring(VERSIONED_MEDIA_TYPE.length()).trim());
        if (acceptVersion.isPresent()) {
            if (!V2_VERSION.matcher(acceptVersion.get()).matches()) {
                return new VersionList(300);
            }
            // The version is in the media type, so the whole path belongs to the v2 API.
            String rest = V2_VERSION.matcher(first).matches() ? path.afterFirst() : normalizedPath;
            return new ApiCall(RequestPath.of(V2 + rest), Api.IMAGE_V2, true);
        }
        if (V2_VERSION.matcher(first).matches()) {
            return new ApiCall(RequestPath.of(V2 + path.afterFirst()), Api.IMAGE_V2, false);
        }
        return new VersionList(300);
    }
}
