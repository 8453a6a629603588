package io.glimpse.gateway.identity;

/**
 * An answer of the identity endpoint that is an error, with Keystone's status, title and message; the
 * {@link KeystoneResponses} render it as Keystone's error body. Security errors (401, 403) carry
 * Keystone's generic messages, which say nothing about which part of the credentials was wrong.
 */
public final class KeystoneException extends RuntimeException {

    private final int status;
    private final String title;

    private KeystoneException(int status, String title, String message) {
        // No stack trace: expected outcomes, some frequent (wrong passwords).
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** 400, Keystone's {@code ValidationError}: something expected is missing or malformed. */
    static KeystoneException expecting(String attribute, String target) {
        return new KeystoneException(
                400,
                "Bad Request",
                "Expecting to find " + attribute + " in " + target + ". The server could not comply with the request"
                        + " since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
    }

    /** 400 with a message of its own. */
    static KeystoneException badRequest(String message) {
        return new KeystoneException(400, "Bad Request", message);
    }

    /** 400, Keystone's {@code ApplicationCredentialValidationError}. */
    static KeystoneException invalidApplicationCredential(String detail) {
        return badRequest("Invalid application credential: " + detail);
    }

    /** 401, whatever was wrong: user, password, project, domain or secret. */
    static KeystoneException unauthorized() {
        return new KeystoneException(401, "Unauthorized", "The request you have made requires authentication.");
    }

    /** 401, Keystone's {@code AuthMethodNotSupported}. */
    static KeystoneException unsupportedMethod() {
        return new KeystoneException(401, "Unauthorized", "Attempted to authenticate with an unsupported method.");
    }

    /** 403, Keystone's {@code ForbiddenAction}. */
    static KeystoneException forbidden(String action) {
        return new KeystoneException(
                403, "Forbidden", "You are not authorized to perform the requested action: " + action + ".");
    }

    /** 404, Keystone's {@code NotFound} family, e.g. {@code notFound("project", id)}. */
    static KeystoneException notFound(String what, String id) {
        return new KeystoneException(404, "Not Found", "Could not find " + what + ": " + id + ".");
    }

    /** 404 for a path the endpoint does not serve. */
    static KeystoneException noSuchPath() {
        return new KeystoneException(404, "Not Found", "The resource could not be found.");
    }

    /** 405 for a method a path does not allow. */
    static KeystoneException methodNotAllowed() {
        return new KeystoneException(405, "Method Not Allowed", "The method is not allowed for the requested URL.");
    }

    /** 409, Keystone's {@code Conflict}. */
    static KeystoneException conflict(String type, String details) {
        return new KeystoneException(
                409, "Conflict", "Conflict occurred attempting to store " + type + " - " + details + ".");
    }

    /** 413 for a request body larger than any identity request. */
    static KeystoneException bodyTooLarge() {
        return new KeystoneException(413, "Request Entity Too Large", "Request is too large.");
    }

    /** 500, Keystone's {@code UnexpectedError}. */
    static KeystoneException unexpected() {
        return new KeystoneException(
                500, "Internal Server Error", "An unexpected error prevented the server from fulfilling your request.");
    }

    /** 503: Keycloak could not be asked. */
    static KeystoneException unavailable() {
        return new KeystoneException(
                503, "Service Unavailable", "The identity provider is not available; try again later.");
    }
}
