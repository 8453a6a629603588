package io.glimpse.sharing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Sharing settings that mirror Glance's [DEFAULT] options. */
@ConfigMapping(prefix = "glimpse.sharing")
public interface SharingConfig {

    /** Most members one image may have, whatever their status; negative means unlimited (image_member_quota). */
    @WithDefault("128")
    int memberQuota();

    /** An operator policy file overriding Glance's defaults; absent means the built-in defaults. */
    Optional<String> policyFile();
}
