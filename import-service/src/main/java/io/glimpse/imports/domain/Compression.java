package io.glimpse.imports.domain;

import java.util.Arrays;
import java.util.Optional;

/** The compressions image_decompression undoes, known by the bytes their data starts with. */
public enum Compression {
    GZIP(new byte[] {0x1f, (byte) 0x8b}),
    BZIP2(new byte[] {'B', 'Z', 'h'}),
    XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00}),
    ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    ZIP(new byte[] {'P', 'K', 0x03, 0x04});

    /** How many first bytes {@link #of} needs at most. */
    public static final int HEAD = 8;

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    /** The compression {@code head} (the data's first bytes) starts with, if any. */
    public static Optional<Compression> of(byte[] head) {
        for (Compression kind : values()) {
            if (head.length >= kind.magic.length
                    && Arrays.equals(head, 0, kind.magic.length, kind.magic, 0, kind.magic.length)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase();
    }
}
