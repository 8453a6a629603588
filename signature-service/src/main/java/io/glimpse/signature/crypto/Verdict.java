package io.glimpse.signature.crypto;

import io.glimpse.contracts.model.VerificationOutcome;

/** How a verification ended, with a reason for people. */
public record Verdict(VerificationOutcome outcome, String reason) {

    public static Verdict verified(String reason) {
        return new Verdict(VerificationOutcome.VERIFIED, reason);
    }

    public static Verdict of(VerificationFailure failure) {
        return new Verdict(failure.outcome(), failure.reason());
    }

    public boolean verified() {
        return outcome == VerificationOutcome.VERIFIED;
    }
}
