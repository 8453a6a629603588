package io.glimpse.policy;

/**
 * A policy or property-protection file that cannot be used. Thrown while loading, so a service
 * with a broken file fails at start-up (as Glance does). The message names the file, the rule or
 * section, and the problem.
 */
public class PolicyConfigurationException extends RuntimeException {

    public PolicyConfigurationException(String message) {
        super(message);
    }

    public PolicyConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
