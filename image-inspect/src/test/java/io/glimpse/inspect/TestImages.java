package io.glimpse.inspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Images built by hand, for formats no installed tool makes and for crafted attacks. */
final class TestImages {

    static final int ISO_BLOCK = 2048;

    private TestImages() {}

    /**
     * A minimal ISO 9660 volume: empty system area, a primary volume descriptor at sector 16 (with
     * a root directory record), a set terminator at sector 17, and the root directory at sector 18.
     */
    static byte[] iso9660(int blocks) {
        byte[] image = new byte[blocks * ISO_BLOCK];
        ByteBuffer pvd = sector(image, 16);
        pvd.put(0, (byte) 1).put(1, ascii("CD001")).put(6, (byte) 1);
        putPadded(pvd, 8, "LINUX", 32);
        putPadded(pvd, 40, "GLIMPSE_TEST", 32);
        bothEndian32(pvd, 80, blocks); // volume space size
        bothEndian16(pvd, 120, 1); // volume set size
        bothEndian16(pvd, 124, 1); // volume sequence number
        bothEndian16(pvd, 128, ISO_BLOCK); // logical block size
        bothEndian32(pvd, 132, 10); // path table size
        rootDirectoryRecord(pvd, 156, 18);
        pvd.put(881, (byte) 1); // file structure version
        ByteBuffer terminator = sector(image, 17);
        terminator.put(0, (byte) 255).put(1, ascii("CD001")).put(6, (byte) 1);
        ByteBuffer root = sector(image, 18);
        rootDirectoryRecord(root, 0, 18); // "."
        rootDirectoryRecord(root, 34, 18); // ".."
        root.put(34 + 33, (byte) 1);
        return image;
    }

    /** A UDF-style volume recognition sequence: BEA01 is skipped by oslo, so NSR02 goes first. */
    static byte[] udf(int blocks) {
        byte[] image = new byte[blocks * ISO_BLOCK];
        sector(image, 16).put(0, (byte) 0).put(1, ascii("NSR02")).put(6, (byte) 1);
        sector(image, 17).put(0, (byte) 0).put(1, ascii("TEA01")).put(6, (byte) 1);
        return image;
    }

    /** A legacy MBR with one bootable Linux partition (what isohybrid puts in front of an ISO). */
    static byte[] withMbrPartition(byte[] image, int bootFlag, int type, long startLba) {
        ByteBuffer mbr = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int entry = 446;
        mbr.put(entry, (byte) bootFlag);
        mbr.put(entry + 1, (byte) 0).put(entry + 2, (byte) 2).put(entry + 3, (byte) 0);
        mbr.put(entry + 4, (byte) type);
        mbr.putInt(entry + 8, (int) startLba);
        mbr.putInt(entry + 12, Math.max(1, image.length / 512 - (int) startLba));
        mbr.putShort(510, (short) 0xAA55);
        return image;
    }

    /** A GPT disk's protective MBR: a single 0xEE entry from LBA 1, CHS 0/2/0. */
    static byte[] gptDisk(int sectors) {
        return withMbrPartition(new byte[sectors * 512], 0x00, 0xEE, 1);
    }

    /** A FAT boot sector: 0x55AA like an MBR, but with two FATs on a fixed disk. */
    static byte[] fatVolume(int sectors) {
        byte[] image = new byte[sectors * 512];
        image[0] = (byte) 0xEB;
        image[1] = 0x3C;
        image[2] = (byte) 0x90;
        image[0x10] = 2;
        image[0x15] = (byte) 0xF8;
        image[510] = 0x55;
        image[511] = (byte) 0xAA;
        return image;
    }

    static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuffer sector(byte[] image, int index) {
        return ByteBuffer.wrap(image, index * ISO_BLOCK, ISO_BLOCK).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void rootDirectoryRecord(ByteBuffer b, int at, int extent) {
        b.put(at, (byte) 34);
        bothEndian32(b, at + 2, extent);
        bothEndian32(b, at + 10, ISO_BLOCK);
        b.put(at + 25, (byte) 2); // directory
        bothEndian16(b, at + 28, 1);
        b.put(at + 32, (byte) 1); // identifier length; identifier 0x00 = "."
    }

    private static void putPadded(ByteBuffer b, int at, String text, int width) {
        byte[] padded = ascii(String.format("%-" + width + "s", text));
        b.put(at, padded);
    }

    private static void bothEndian16(ByteBuffer b, int at, int value) {
        b.putShort(at, (short) value);
        b.put(at + 2, (byte) (value >>> 8)).put(at + 3, (byte) value);
    }

    private static void bothEndian32(ByteBuffer b, int at, int value) {
        b.putInt(at, value);
        b.put(at + 4, (byte) (value >>> 24))
                .put(at + 5, (byte) (value >>> 16))
                .put(at + 6, (byte) (value >>> 8))
                .put(at + 7, (byte) value);
    }
}
