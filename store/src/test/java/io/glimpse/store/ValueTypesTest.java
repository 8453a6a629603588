package io.glimpse.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void hashAlgorithmsAreFoundByGlanceAndSignatureNames() {
        assertThat(HashAlgorithm.fromName("sha512")).contains(HashAlgorithm.SHA512);
        assertThat(HashAlgorithm.fromName("SHA-256")).contains(HashAlgorithm.SHA256);
        assertThat(HashAlgorithm.fromName("sha3_256")).contains(HashAlgorithm.SHA3_256);
        assertThat(HashAlgorithm.fromName("SHA3-384")).contains(HashAlgorithm.SHA3_384);
        assertThat(HashAlgorithm.fromName("whirlpool")).isEmpty();
        assertThat(HashAlgorithm.SHA512.digestLength()).isEqualTo(64);
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            assertThat(algorithm.newDigest()).isNotNull();
        }
    }

    @Test
    void byteRangesAreInclusiveAndValidated() {
        assertThat(ByteRange.between(10, 19).length()).isEqualTo(OptionalLong.of(10));
        assertThat(ByteRange.from(5).length()).isEmpty();
        assertThatThrownBy(() -> ByteRange.between(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedObjectIsAnImmutableValue() {
        byte[] digest = {1, 2, 3};
        StoredObject stored = new StoredObject("s", "file:///x", 3, "m", "sha512", "h", Optional.of(digest));
        digest[0] = 9;
        stored.signatureDigest().orElseThrow()[1] = 9;

        assertThat(stored.signatureDigest().orElseThrow()).containsExactly(1, 2, 3);
        assertThat(stored)
                .isEqualTo(
                        new StoredObject("s", "file:///x", 3, "m", "sha512", "h", Optional.of(new byte[] {1, 2, 3})));
        assertThat(stored.toString()).contains("signatureDigest=Optional[010203]");
    }

    @Test
    void s3LocationsParseOnlyBucketAndKey() {
        assertThat(S3Location.parse("s3://bucket/key")).contains(new S3Location("bucket", "key"));
        assertThat(S3Location.parse("s3://bucket/")).isEmpty();
        assertThat(S3Location.parse("s3:///key")).isEmpty();
        assertThat(S3Location.parse("file:///key")).isEmpty();
        assertThat(new S3Location("b", "k")).hasToString("s3://b/k");
    }
}
