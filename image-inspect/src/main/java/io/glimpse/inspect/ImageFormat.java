package io.glimpse.inspect;

import java.util.Arrays;
import java.util.Optional;

/**
 * A disk image format the inspector can recognise, named as Glance's {@code disk_format} (and
 * oslo.utils' inspectors) name it.
 *
 * <p>{@link #RAW} is the fallback for content no other format claims. {@link #GPT} covers both a
 * GUID partition table and a legacy MBR, as oslo's GPT inspector does. {@link #QED} and {@link
 * #LUKS} are recognised so that such content cannot pass as something else; QED is never safe.
 */
public enum ImageFormat {
    RAW("raw"),
    QCOW2("qcow2"),
    VMDK("vmdk"),
    VHD("vhd"),
    VHDX("vhdx"),
    VDI("vdi"),
    ISO("iso"),
    GPT("gpt"),
    QED("qed"),
    LUKS("luks");

    private final String wireName;

    ImageFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code disk_format} value naming this format. */
    public String wireName() {
        return wireName;
    }

    /** The format a {@code disk_format} value names, if the inspector knows it (exact match). */
    public static Optional<ImageFormat> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
