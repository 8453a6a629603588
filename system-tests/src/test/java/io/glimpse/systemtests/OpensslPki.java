package io.glimpse.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, certificates and signatures made with the openssl command, the way Glance's users make them (glance-v2-api.md
 * §6): nothing here shares code with signature-service, so a test passing means two implementations agree.
 */
final class OpensslPki {
    private final Path dir;

    OpensslPki(Path dir) {
        this.dir = dir;
    }

    Path rsaKey(String name) {
        return genpkey(name, "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
    }

    /** A 2048-bit DSA key (224-bit q), which signs with SHA-224 or SHA-256 as in FIPS 186-4. */
    Path dsaKey(String name) {
        Path parameters = dir.resolve(name + ".dsaparam");
        openssl(
                "genpkey",
                "-genparam",
                "-algorithm",
                "DSA",
                "-pkeyopt",
                "dsa_paramgen_bits:2048",
                "-pkeyopt",
                "dsa_paramgen_q_bits:224",
                "-out",
                parameters.toString());
        return genpkey(name, "-paramfile", parameters.toString());
    }

    /** An EC key on a named curve: {@code P-256}, {@code P-384}, {@code P-521}. */
    Path ecKey(String name, String curve) {
        return genpkey(name, "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve);
    }

    Path selfSigned(Path key, String name) {
        Path certificate = dir.resolve(name + ".pem");
        openssl(
                "req",
                "-new",
                "-x509",
                "-key",
                key.toString(),
                "-subj",
                "/CN=" + name,
                "-days",
                "30",
                "-sha256",
                "-out",
                certificate.toString());
        return certificate;
    }

    /** A self-signed CA certificate (CA:TRUE, may sign certificates). */
    Path certificateAuthority(Path key, String name) {
        Path certificate = dir.resolve(name + ".pem");
        openssl(
                "req",
                "-new",
                "-x509",
                "-key",
                key.toString(),
                "-subj",
                "/CN=" + name,
                "-days",
                "30",
                "-sha256",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                certificate.toString());
        return certificate;
    }

    /** A leaf certificate for {@code key}, issued by the CA, allowed to make digital signatures. */
    Path issuedBy(Path caKey, Path caCertificate, Path key, String name) {
        Path request = dir.resolve(name + ".csr");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-out", request.toString());
        Path extensions = dir.resolve(name + ".ext");
        write(extensions, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n");
        Path certificate = dir.resolve(name + ".pem");
        openssl(
                "x509",
                "-req",
                "-in",
                request.toString(),
                "-CA",
                caCertificate.toString(),
                "-CAkey",
                caKey.toString(),
                "-set_serial",
                Long.toString(System.nanoTime()),
                "-days",
                "30",
                "-sha256",
                "-extfile",
                extensions.toString(),
                "-out",
                certificate.toString());
        return certificate;
    }

    /** A self-signed certificate valid only during 2020: OpenSSL 3.0's req cannot backdate, its ca command can. */
    Path expiredSelfSigned(Path key, String name) {
        Path ca = dir.resolve("ca-" + name);
        try {
            Files.createDirectories(ca);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        write(ca.resolve("index.txt"), "");
        write(ca.resolve("serial"), "01\n");
        write(
                ca.resolve("ca.cnf"),
                String.join(
                        "\n",
                        "[ca]",
                        "default_ca = d",
                        "[d]",
                        "dir = " + ca,
                        "database = $dir/index.txt",
                        "serial = $dir/serial",
                        "new_certs_dir = $dir",
                        "default_md = sha256",
                        "policy = p",
                        "[p]",
                        "commonName = supplied",
                        ""));
        Path request = ca.resolve(name + ".csr");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-out", request.toString());
        Path certificate = dir.resolve(name + ".pem");
        openssl(
                "ca",
                "-config",
                ca.resolve("ca.cnf").toString(),
                "-batch",
                "-selfsign",
                "-keyfile",
                key.toString(),
                "-in",
                request.toString(),
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20210101000000Z",
                "-notext",
                "-out",
                certificate.toString());
        return certificate;
    }

    /** The certificate as DER, what the Barbican API stores as a base64 payload. */
    byte[] der(Path pem) {
        Path der = dir.resolve(pem.getFileName() + ".der");
        openssl("x509", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        return read(der);
    }

    /**
     * {@code openssl dgst -<hash> -sign key} over the data, base64 as it goes into {@code img_signature}; for RSA-PSS
     * with the maximum salt length, which is what Glance verifies.
     */
    String sign(Path key, String hashMethod, boolean rsaPss, byte[] data) {
        try {
            Path input = Files.createTempFile(dir, "data", ".bin");
            Files.write(input, data);
            Path signature = dir.resolve(input.getFileName() + ".sig");
            List<String> command = new ArrayList<>(List.of(
                    "dgst", "-" + hashMethod.replace("-", "").toLowerCase(Locale.ROOT), "-sign", key.toString()));
            if (rsaPss) {
                command.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:max"));
            }
            command.addAll(List.of("-out", signature.toString(), input.toString()));
            openssl(command.toArray(String[]::new));
            return Base64.getEncoder().encodeToString(read(signature));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path genpkey(String name, String... options) {
        Path key = dir.resolve(name + ".key");
        List<String> command = new ArrayList<>(List.of("genpkey"));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", key.toString()));
        openssl(command.toArray(String[]::new));
        return key;
    }

    private static void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as(String.join(" ", command) + "\n" + output)
                    .isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
