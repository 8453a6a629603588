package io.glimpse.signature.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The certificate store (Barbican's role for Glance) and signature verification. */
@ConfigMapping(prefix = "glimpse.signature")
public interface SignatureConfig {

    /** The public endpoint clients use (the gateway); every {@code secret_ref} starts with it. */
    @WithDefault("http://127.0.0.1:9292")
    String publicUrl();

    /**
     * Whether a signing certificate must chain to one of the trusted CAs (PKIX path validation,
     * revocation not checked; CA basic constraints and the leaf's digitalSignature key usage are).
     * Off by default, like Glance, whose upload path checks no trust chain; validity dates are
     * checked either way. When on, at least one trusted CA must be configured.
     */
    @WithDefault("false")
    boolean enforceTrustedCa();

    /** PEM files with trusted CA certificates (each may hold several), used when {@link #enforceTrustedCa()} is on. */
    Optional<List<String>> trustedCaFiles();

    /** A directory whose {@code *.pem}, {@code *.crt} and {@code *.cer} files are trusted CA certificates. */
    Optional<String> trustedCaDirectory();

    /** Largest certificate payload accepted, in bytes after base64 decoding (Barbican's max_allowed_secret_in_bytes). */
    @WithDefault("10000")
    int maxCertificateBytes();

    /** Secrets listed when a request names no {@code limit} (Barbican's default_limit_paging). */
    @WithDefault("10")
    int defaultListLimit();

    /** Most secrets one list request returns, whatever its {@code limit} (Barbican's max_limit_paging). */
    @WithDefault("100")
    int maxListLimit();
}
