package io.glimpse.gateway.security;

/** Why a request is not authenticated; the text goes into {@code WWW-Authenticate}'s error_description. */
public enum TokenRejection {
    MISSING("no token in X-Auth-Token or Authorization: Bearer"),
    MALFORMED("the token is not a well-formed signed JWT"),
    SIGNATURE("the token signature cannot be verified"),
    EXPIRED("the token has expired"),
    NOT_YET_VALID("the token is not valid yet"),
    ISSUER("the token was issued by another issuer"),
    AUDIENCE("the token is not meant for this service"),
    REVOKED("the token has been revoked"),
    INVALID("the token is invalid");

    private final String description;

    TokenRejection(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
