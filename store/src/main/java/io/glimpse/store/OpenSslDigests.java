package io.glimpse.store;

import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Digests computed by the system's OpenSSL 3 ({@code libcrypto.so.3}) through the JDK's foreign function API, for the
 * algorithms where it is faster than the JDK: SHA-512 runs at ~800 MiB/s in OpenSSL here and ~530 in Java, and it is
 * the longest computation of every transfer (ADR 0018). Where OpenSSL is missing, does not load, disagrees with the JDK
 * on a known digest, or {@code glimpse.digests.openssl=false} is configured, {@link #available} is empty and the JDK
 * digests are used: nothing else changes.
 *
 * <p>The data is handed to OpenSSL in place, heap arrays included (a critical call: no copy).
 */
final class OpenSslDigests {

    /** Turns OpenSSL digests off ({@code GLIMPSE_DIGESTS_OPENSSL=false}); on by default. */
    static final String SWITCH = "glimpse.digests.openssl";

    private static final Cleaner CLEANER = Cleaner.create();

    private final MethodHandle newContext;
    private final MethodHandle freeContext;
    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle finalDigest;
    private final MethodHandle fetch;
    private final MethodHandle version;
    private final MethodHandle size;
    private final Map<String, MemorySegment> algorithms = new ConcurrentHashMap<>();

    private OpenSslDigests(SymbolLookup libcrypto) {
        Linker linker = Linker.nativeLinker();
        AddressLayout pointer = ValueLayout.ADDRESS;
        ValueLayout.OfInt status = ValueLayout.JAVA_INT;
        newContext = handle(linker, libcrypto, "EVP_MD_CTX_new", FunctionDescriptor.of(pointer));
        freeContext = handle(linker, libcrypto, "EVP_MD_CTX_free", FunctionDescriptor.ofVoid(pointer));
        init = handle(linker, libcrypto, "EVP_DigestInit_ex", FunctionDescriptor.of(status, pointer, pointer, pointer));
        update = handle(
                linker,
                libcrypto,
                "EVP_DigestUpdate",
                FunctionDescriptor.of(status, pointer, pointer, ValueLayout.JAVA_LONG),
                Linker.Option.critical(true));
        finalDigest = handle(
                linker, libcrypto, "EVP_DigestFinal_ex", FunctionDescriptor.of(status, pointer, pointer, pointer));
        fetch = handle(linker, libcrypto, "EVP_MD_fetch", FunctionDescriptor.of(pointer, pointer, pointer, pointer));
        version = handle(linker, libcrypto, "OpenSSL_version", FunctionDescriptor.of(pointer, status));
        size = handle(linker, libcrypto, "EVP_MD_get_size", FunctionDescriptor.of(status, pointer));
    }

    private static MethodHandle handle(
            Linker linker, SymbolLookup library, String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return linker.downcallHandle(
                library.find(name).orElseThrow(() -> new IllegalStateException("no " + name)), descriptor, options);
    }

    /** OpenSSL's digests, or empty when they cannot (or should not) be used here. Decided once. */
    static Optional<OpenSslDigests> available() {
        return Holder.INSTANCE;
    }

    /** Why {@link #available} is empty, or how OpenSSL is named when it is not: for the start-up log line. */
    static String status() {
        return Holder.STATUS;
    }

    private static final class Holder {
        static final Optional<OpenSslDigests> INSTANCE;
        static final String STATUS;

        static {
            Optional<OpenSslDigests> loaded = Optional.empty();
            String status;
            if (!ConfigProvider.getConfig()
                    .getOptionalValue(SWITCH, Boolean.class)
                    .orElse(true)) {
                status = "off (" + SWITCH + "=false)";
            } else {
                try {
                    OpenSslDigests library =
                            new OpenSslDigests(SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global()));
                    library.checkAgainstJdk();
                    loaded = Optional.of(library);
                    status = library.versionText();
                } catch (Throwable e) { // a missing library, symbol or native access: the JDK's digests do
                    status = "unavailable (" + e + ")";
                }
            }
            INSTANCE = loaded;
            STATUS = status;
        }
    }

    /** A new digest computing {@code algorithm} (an OpenSSL name such as {@code SHA2-512}), reported as {@code jcaName}. */
    MessageDigest newDigest(String jcaName, String algorithm) {
        return new Digest(jcaName, this, algorithm(algorithm));
    }

    private MemorySegment algorithm(String name) {
        return algorithms.computeIfAbsent(name, key -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment md = (MemorySegment)
                        fetch.invokeExact(MemorySegment.NULL, arena.allocateFrom(key), MemorySegment.NULL);
                if (md.equals(MemorySegment.NULL)) {
                    throw new IllegalStateException("OpenSSL has no digest " + key);
                }
                return md; // fetched once and kept for the life of the process
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String versionText() throws Throwable {
        MemorySegment text = (MemorySegment) version.invokeExact(0); // OPENSSL_VERSION
        return text.reinterpret(256).getString(0);
    }

    /** One digest of a short text must equal the JDK's, or OpenSSL is not used at all. */
    private void checkAgainstJdk() throws Exception {
        byte[] sample = "glimpse checks OpenSSL against the JDK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            algorithm.openSslName().ifPresent(name -> {
                MessageDigest ours = newDigest(algorithm.jcaName(), name);
                ours.update(sample, 0, 5);
                ours.update(sample, 5, sample.length - 5);
                byte[] expected = algorithm.newJdkDigest().digest(sample);
                if (!Arrays.equals(ours.digest(), expected)) {
                    throw new IllegalStateException("OpenSSL's " + name + " differs from the JDK's");
                }
            });
        }
    }

    /** A {@link MessageDigest} over one OpenSSL {@code EVP_MD_CTX}, freed when the digest is collected. */
    private static final class Digest extends MessageDigest {
        private final OpenSslDigests library;
        private final MemorySegment algorithm;
        private final MemorySegment context;
        private final int length;
        private final byte[] single = new byte[1];

        Digest(String jcaName, OpenSslDigests library, MemorySegment algorithm) {
            super(jcaName);
            this.library = library;
            this.algorithm = algorithm;
            try {
                this.context = (MemorySegment) library.newContext.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (context.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("OpenSSL could not allocate a digest context");
            }
            MemorySegment freed = context;
            MethodHandle free = library.freeContext;
            CLEANER.register(this, () -> {
                try {
                    free.invokeExact(freed);
                } catch (Throwable e) {
                    // nothing to do: the process goes on with one context less freed
                }
            });
            try {
                this.length = (int) library.size.invokeExact(algorithm);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            engineReset();
        }

        @Override
        protected int engineGetDigestLength() {
            return length;
        }

        @Override
        protected void engineUpdate(byte input) {
            single[0] = input;
            engineUpdate(single, 0, 1);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int length) {
            if (length == 0) {
                return;
            }
            int ok;
            try {
                ok = (int) library.update.invokeExact(
                        context, MemorySegment.ofArray(input).asSlice(offset, length), (long) length);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            check(ok, "EVP_DigestUpdate");
        }

        @Override
        protected byte[] engineDigest() {
            byte[] result;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(64);
                int ok = (int) library.finalDigest.invokeExact(context, out, MemorySegment.NULL);
                check(ok, "EVP_DigestFinal_ex");
                result = out.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            engineReset();
            return result;
        }

        @Override
        protected void engineReset() {
            int ok;
            try {
                ok = (int) library.init.invokeExact(context, algorithm, MemorySegment.NULL);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            check(ok, "EVP_DigestInit_ex");
        }

        private static void check(int ok, String call) {
            if (ok != 1) {
                throw new IllegalStateException(call + " failed");
            }
        }
    }
}
