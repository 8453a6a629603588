package io.glimpse.imports.mapping;

import io.glimpse.store.HashAlgorithm;
import io.glimpse.support.error.GlimpseException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * web-download's optional {@code method.validation_data} (a Glimpse extension, in the shape of the locations API's
 * {@code validation_data}): the digest the downloaded bytes must have, checked before the image can become active.
 * Glance has no such field; a client that does not send it gets Glance's behaviour.
 *
 * @param algorithm the hash, by its {@code os_hash_algo} name
 * @param hex the expected value, lower-case hex
 */
public record ExpectedDigest(HashAlgorithm algorithm, String hex) {
    static final String FIELD = "validation_data";
    private static final Set<String> KEYS = Set.of("os_hash_algo", "os_hash_value");

    /** The digest {@code method} asks for, if any; a malformed one is a 400. */
    public static Optional<ExpectedDigest> of(Map<?, ?> method) {
        Object given = method.get(FIELD);
        if (given == null) {
            return Optional.empty();
        }
        if (!(given instanceof Map<?, ?> data)) {
            throw invalid("validation_data must be an object.");
        }
        for (Object key : data.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid(
                        "Additional properties are not allowed in validation_data ('" + key + "' was unexpected).");
            }
        }
        if (!(data.get("os_hash_algo") instanceof String name)) {
            throw invalid("validation_data requires 'os_hash_algo' and 'os_hash_value'.");
        }
        HashAlgorithm algorithm = HashAlgorithm.fromName(name)
                .filter(known -> known.glanceName().equals(name))
                .orElseThrow(() -> invalid("os_hash_algo must be one of "
                        + Arrays.stream(HashAlgorithm.values())
                                .map(HashAlgorithm::glanceName)
                                .toList() + "."));
        if (!(data.get("os_hash_value") instanceof String value)
                || value.length() != 2 * algorithm.digestLength()
                || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw invalid("os_hash_value: " + data.get("os_hash_value")
                    + " is not valid hexadecimal value for algorithm " + name + ".");
        }
        return Optional.of(new ExpectedDigest(algorithm, value.toLowerCase(Locale.ROOT)));
    }

    private static GlimpseException.BadRequest invalid(String message) {
        return new GlimpseException.BadRequest(message);
    }
}
