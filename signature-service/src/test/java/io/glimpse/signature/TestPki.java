package io.glimpse.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keys, certificates and signatures made with the {@code openssl} command line, exactly as Glance's
 * users make them (glance-v2-api.md §6). Files live under {@code target/test-pki}; keys are made once
 * per JVM, the trusted CA once per build directory (a test profile names its file before Quarkus starts).
 */
public final class TestPki {
    private static final Path ROOT = Path.of("target", "test-pki").toAbsolutePath();
    private static final Map<String, Path> KEYS = new ConcurrentHashMap<>();

    private TestPki() {}

    /** A private key and its certificate. */
    public record Identity(Path key, Path certificate) {
        public byte[] certificatePem() {
            return read(certificate);
        }

        public byte[] certificateDer() {
            return openssl(List.of("x509", "-in", certificate.toString(), "-outform", "DER"));
        }

        /** {@code openssl dgst -<hash> -sign key [PSS with the maximum salt]} over {@code data}. */
        public byte[] sign(String hashMethod, byte[] data, boolean pss) {
            Path in = write("data", data);
            Path out = file("sig");
            List<String> command =
                    new ArrayList<>(List.of("dgst", "-" + opensslHash(hashMethod), "-sign", key.toString()));
            if (pss) {
                command.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:max"));
            }
            command.addAll(List.of("-out", out.toString(), in.toString()));
            run(command);
            return read(out);
        }

        /** Like {@link #sign} with RSA-PSS but any salt length OpenSSL takes ("digest", "20", …). */
        public byte[] signPssWithSalt(String hashMethod, byte[] data, String saltLength) {
            Path in = write("data", data);
            Path out = file("sig");
            run(List.of(
                    "dgst",
                    "-" + opensslHash(hashMethod),
                    "-sign",
                    key.toString(),
                    "-sigopt",
                    "rsa_padding_mode:pss",
                    "-sigopt",
                    "rsa_pss_saltlen:" + saltLength,
                    "-out",
                    out.toString(),
                    in.toString()));
            return read(out);
        }
    }

    /** An RSA key of {@code bits}, made once. */
    public static Path rsaKey(int bits) {
        return KEYS.computeIfAbsent("rsa" + bits, name -> {
            Path key = file("rsa.key");
            run(List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", key.toString()));
            return key;
        });
    }

    /** A DSA key with an L-bit p and an N-bit q, made once. */
    public static Path dsaKey(int l, int n) {
        return KEYS.computeIfAbsent("dsa" + l + "/" + n, name -> {
            Path params = file("dsa.params");
            Path key = file("dsa.key");
            run(List.of(
                    "genpkey",
                    "-genparam",
                    "-algorithm",
                    "DSA",
                    "-pkeyopt",
                    "dsa_paramgen_bits:" + l,
                    "-pkeyopt",
                    "dsa_paramgen_q_bits:" + n,
                    "-out",
                    params.toString()));
            run(List.of("genpkey", "-paramfile", params.toString(), "-out", key.toString()));
            return key;
        });
    }

    /** An EC key on a named curve (P-256, P-384, P-521), made once. */
    public static Path ecKey(String curve) {
        return KEYS.computeIfAbsent("ec" + curve, name -> {
            Path key = file("ec.key");
            run(List.of(
                    "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", key.toString()));
            return key;
        });
    }

    /** A self-signed certificate valid from now for 30 days. */
    public static Identity selfSigned(Path key) {
        Path certificate = file("cert.pem");
        run(List.of(
                "req",
                "-x509",
                "-new",
                "-key",
                key.toString(),
                "-subj",
                "/CN=glimpse-test-" + UUID.randomUUID(),
                "-days",
                "30",
                "-out",
                certificate.toString()));
        return new Identity(key, certificate);
    }

    /** A self-signed certificate valid only between two past or future instants ({@code YYYYMMDDHHMMSSZ}). */
    public static Identity selfSignedBetween(Path key, String notBefore, String notAfter) {
        Path dir = directory();
        Path csr = dir.resolve("req.csr");
        Path certificate = dir.resolve("cert.pem");
        write(dir.resolve("index.txt"), new byte[0]);
        write(dir.resolve("ca.cnf"), ("""
                [ ca ]
                default_ca = test_ca
                [ test_ca ]
                dir = %s
                database = $dir/index.txt
                new_certs_dir = $dir
                serial = $dir/serial
                default_md = sha256
                policy = any
                unique_subject = no
                [ any ]
                commonName = supplied
                """).formatted(dir).getBytes(StandardCharsets.UTF_8));
        request(key, "/CN=glimpse-dated-" + UUID.randomUUID(), csr);
        run(List.of(
                "ca",
                "-batch",
                "-config",
                dir.resolve("ca.cnf").toString(),
                "-selfsign",
                "-keyfile",
                key.toString(),
                "-in",
                csr.toString(),
                "-startdate",
                notBefore,
                "-enddate",
                notAfter,
                "-create_serial",
                "-notext",
                "-out",
                certificate.toString()));
        return new Identity(key, certificate);
    }

    /**
     * The CA a trusted-CA test profile names in {@code glimpse.signature.trusted-ca-files}; made once per
     * build directory, so the profile (before Quarkus starts) and the tests agree on it.
     */
    public static synchronized Identity trustedCa() {
        Path dir = ROOT.resolve("trusted-ca");
        Path key = dir.resolve("ca.key");
        Path certificate = dir.resolve("ca.pem");
        if (!Files.exists(certificate)) {
            createDirectories(dir);
            run(List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString()));
            selfSignedCa(key, "/CN=Glimpse test trusted CA", 3650, certificate);
        }
        return new Identity(key, certificate);
    }

    /** A CA no one trusts, made on demand. */
    public static Identity untrustedCa() {
        Path key = rsaKey(2048);
        Path certificate = file("ca.pem");
        selfSignedCa(key, "/CN=Untrusted CA " + UUID.randomUUID(), 30, certificate);
        return new Identity(key, certificate);
    }

    /** A leaf certificate for {@code key} issued by {@code ca}, with the given keyUsage extension value. */
    public static Identity issuedBy(Identity ca, Path key, String keyUsage) {
        return issue(
                ca,
                key,
                "/CN=glimpse-leaf-" + UUID.randomUUID(),
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical," + keyUsage + "\n");
    }

    /** An intermediate CA for {@code key} issued by {@code ca}. */
    public static Identity intermediateCa(Identity ca, Path key) {
        return issue(
                ca,
                key,
                "/CN=glimpse-intermediate-" + UUID.randomUUID(),
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
    }

    private static Identity issue(Identity ca, Path key, String subject, String extensionLines) {
        Path dir = directory();
        Path csr = dir.resolve("req.csr");
        Path extensions = dir.resolve("cert.ext");
        Path certificate = dir.resolve("cert.pem");
        write(extensions, extensionLines.getBytes(StandardCharsets.UTF_8));
        request(key, subject, csr);
        run(List.of(
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                ca.certificate().toString(),
                "-CAkey",
                ca.key().toString(),
                "-set_serial",
                String.valueOf(System.nanoTime()),
                "-days",
                "30",
                "-extfile",
                extensions.toString(),
                "-out",
                certificate.toString()));
        return new Identity(key, certificate);
    }

    private static void selfSignedCa(Path key, String subject, int days, Path certificate) {
        run(List.of(
                "req",
                "-x509",
                "-new",
                "-key",
                key.toString(),
                "-subj",
                subject,
                "-days",
                String.valueOf(days),
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                certificate.toString()));
    }

    private static void request(Path key, String subject, Path csr) {
        run(List.of("req", "-new", "-key", key.toString(), "-subj", subject, "-out", csr.toString()));
    }

    public static byte[] digest(String hashMethod, byte[] data) {
        try {
            return MessageDigest.getInstance(hashMethod).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String opensslHash(String hashMethod) {
        return hashMethod.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static Path directory() {
        Path dir = ROOT.resolve(UUID.randomUUID().toString());
        createDirectories(dir);
        return dir;
    }

    private static Path file(String name) {
        return directory().resolve(name);
    }

    private static Path write(String name, byte[] bytes) {
        return write(file(name), bytes);
    }

    private static Path write(Path path, byte[] bytes) {
        try {
            return Files.write(path, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> args) {
        openssl(args);
    }

    /** Runs openssl with {@code args}; returns its standard output, fails the test with its error output. */
    private static byte[] openssl(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(args);
        try {
            Path errors = Files.createTempFile("openssl", ".err");
            Process process =
                    new ProcessBuilder(command).redirectError(errors.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(errors));
            }
            Files.delete(errors);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed by the signature tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
