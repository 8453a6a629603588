package io.glimpse.signature.crypto;

import io.glimpse.contracts.model.VerificationOutcome;

/**
 * A verification that did not succeed, with its outcome code and a reason for people. Not an HTTP
 * error: the verification use case turns it into a recorded, unverified result.
 */
public class VerificationFailure extends RuntimeException {
    private final VerificationOutcome outcome;

    public VerificationFailure(VerificationOutcome outcome, String reason) {
        super(reason, null, false, false);
        if (outcome == VerificationOutcome.VERIFIED) {
            throw new IllegalArgumentException("a failure cannot be verified");
        }
        this.outcome = outcome;
    }

    public VerificationOutcome outcome() {
        return outcome;
    }

    public String reason() {
        return getMessage();
    }
}
