package io.glimpse.gateway.versions;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.VersionsConfig;
import io.glimpse.gateway.versions.ApiVersion.Status;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions this deployment offers, in Glance's order (glance/api/versions.py, §1.1): the cache
 * API adds 2.14, 2.16 and 2.18 (which becomes CURRENT), multi-store adds 2.8 and 2.10 to 2.13.
 */
@ApplicationScoped
public class ApiVersions {

    private final List<ApiVersion> versions;

    public ApiVersions(GatewayConfig config) {
        this.versions = List.copyOf(list(config.versions()));
    }

    public List<ApiVersion> all() {
        return versions;
    }

    static List<ApiVersion> list(VersionsConfig features) {
        List<ApiVersion> list = new ArrayList<>();
        if (features.imageCache()) {
            list.add(current("2.18"));
            supported(list, "2.17", "2.16", "2.15", "2.14");
        } else {
            list.add(current("2.17"));
            supported(list, "2.15");
        }
        if (features.multiStore()) {
            supported(list, "2.13", "2.12", "2.11", "2.10", "2.9", "2.8");
        } else {
            supported(list, "2.9");
        }
        supported(list, "2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");
        return list;
    }

    private static ApiVersion current(String number) {
        return new ApiVersion("v" + number, Status.CURRENT);
    }

    private static void supported(List<ApiVersion> list, String... numbers) {
        for (String number : numbers) {
            list.add(new ApiVersion("v" + number, Status.SUPPORTED));
        }
    }
}
