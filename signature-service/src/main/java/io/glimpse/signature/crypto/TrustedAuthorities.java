package io.glimpse.signature.crypto;

import io.glimpse.contracts.model.VerificationOutcome;
import io.glimpse.signature.config.SignatureConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operator's trusted CAs, loaded once at start (a bad file stops the service with its name), and
 * the chain check against them. Path building takes the intermediates from the stored certificate's
 * own payload (a PEM bundle may carry them); revocation is not checked (no CRL/OCSP reachability is
 * assumed), CA basic constraints and key usage along the path are, and so is the leaf's
 * digitalSignature usage when it declares key usages.
 */
@ApplicationScoped
@Startup
public class TrustedAuthorities {
    private static final Logger LOG = Logger.getLogger(TrustedAuthorities.class);

    private final boolean enforced;
    private final Set<TrustAnchor> anchors;

    public TrustedAuthorities(SignatureConfig config) {
        this.enforced = config.enforceTrustedCa();
        this.anchors = load(config);
        if (enforced && anchors.isEmpty()) {
            throw new IllegalStateException(
                    "glimpse.signature.enforce-trusted-ca is on but no trusted CA is configured "
                            + "(glimpse.signature.trusted-ca-files or glimpse.signature.trusted-ca-directory)");
        }
        LOG.infof(
                "signature verification: %d trusted CA(s), chain validation %s",
                anchors.size(), enforced ? "enforced" : "off");
    }

    public boolean enforced() {
        return enforced;
    }

    /**
     * @param chain the signing certificate first, then any certificates stored with it
     * @throws VerificationFailure (untrusted) when enforcement is on and no valid path to a trusted CA exists
     */
    public void checkTrusted(List<X509Certificate> chain) {
        if (!enforced) {
            return;
        }
        X509Certificate leaf = chain.get(0);
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new VerificationFailure(
                    VerificationOutcome.UNTRUSTED_CERTIFICATE,
                    "the certificate's key usage does not allow digital signatures");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (CertPathBuilderException e) {
            throw new VerificationFailure(
                    VerificationOutcome.UNTRUSTED_CERTIFICATE,
                    "the certificate does not chain to a trusted CA: " + e.getMessage());
        } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX path building is not available", e);
        }
    }

    private static Set<TrustAnchor> load(SignatureConfig config) {
        List<Path> files = new ArrayList<>();
        config.trustedCaFiles().ifPresent(paths -> paths.forEach(path -> files.add(Path.of(path))));
        config.trustedCaDirectory().map(Path::of).ifPresent(directory -> files.addAll(certificateFiles(directory)));
        Set<TrustAnchor> anchors = new HashSet<>();
        for (Path file : files) {
            for (X509Certificate ca : read(file)) {
                if (ca.getBasicConstraints() < 0) {
                    throw new IllegalStateException("trusted CA " + ca.getSubjectX500Principal() + " in " + file
                            + " is not a CA certificate (basic constraints CA:FALSE or absent)");
                }
                anchors.add(new TrustAnchor(ca, null));
            }
        }
        return Set.copyOf(anchors);
    }

    private static List<Path> certificateFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the trusted CA directory " + directory, e);
        }
    }

    private static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            if (certificates.isEmpty()) {
                throw new IllegalStateException("no certificate in trusted CA file " + file);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read trusted CA file " + file + ": " + e.getMessage(), e);
        }
    }
}
