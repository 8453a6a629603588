package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Token verification: whose tokens are accepted and how the signing keys are kept. */
public interface SecurityConfig {

    /** The exact {@code iss} a token must carry, e.g. {@code http://127.0.0.1:8180/realms/glimpse}. */
    String issuer();

    /** A value the token's {@code aud} must contain. */
    @WithDefault("glimpse")
    String audience();

    /** The identity provider's JSON Web Key Set, e.g. {@code <issuer>/protocol/openid-connect/certs}. */
    URI jwksUrl();

    /**
     * The URI advertised in the {@code WWW-Authenticate: Keystone uri='...'} challenge of a 401, where
     * a client can get a token. Defaults to the issuer.
     */
    Optional<URI> authUri();

    /** Clock difference tolerated when checking {@code exp} and {@code nbf}. */
    @WithDefault("30S")
    Duration clockSkew();

    /**
     * The least time between two key-set fetches caused by tokens naming an unknown key id, so a
     * stream of forged tokens cannot turn into a stream of requests to the identity provider.
     */
    @WithDefault("10S")
    Duration jwksRefreshMinInterval();

    /** Age after which the key set is re-fetched in the background, so retired keys stop being trusted. */
    @WithDefault("10M")
    Duration jwksMaxAge();

    /** Time allowed for one key-set fetch. */
    @WithDefault("5S")
    Duration jwksFetchTimeout();

    /** How many verified tokens are remembered (each until its own expiry) to skip re-verification. */
    @WithDefault("10000")
    int verifiedTokenCacheSize();
}
