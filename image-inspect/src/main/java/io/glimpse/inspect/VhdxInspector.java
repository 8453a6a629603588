package io.glimpse.inspect;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u16le;
import static io.glimpse.inspect.ByteFields.u32le;
import static io.glimpse.inspect.ByteFields.u64le;

/**
 * Microsoft VHDX: little-endian structures linked by offsets and identified by GUIDs, followed in
 * one pass as oslo's {@code VHDXInspector} does:
 *
 * <ol>
 *   <li>the file identifier "vhdxfile" at 0;
 *   <li>the region table at 192 KiB ("regi", entry count, 32-byte entries), whose metadata
 *       region entry gives the metadata table's file offset;
 *   <li>the metadata table ("metadata", entry count, 32-byte entries), whose "virtual disk size"
 *       item gives an offset relative to the table;
 *   <li>the 8-byte virtual disk size itself.
 * </ol>
 *
 * Each buffer is freed as soon as the next offset is known, so at most one 64 KiB table is held.
 * Structures the stream has already passed cannot be read in one pass; such a file, like any
 * structure that does not parse, is reported as a failed {@code header} check (oslo refuses to
 * safety-check it as "incomplete").
 */
final class VhdxInspector extends FormatInspector {

    private static final byte[] MAGIC = ByteFields.ascii("vhdxfile");
    private static final long REGION_TABLE_OFFSET = 192 * 1024;
    private static final int TABLE_LENGTH = 64 * 1024;
    private static final long REGION_TABLE_SIGNATURE = 0x69676572L; // "regi"
    private static final byte[] METADATA_SIGNATURE = ByteFields.ascii("metadata");
    private static final int MAX_ENTRIES = 2047;
    private static final byte[] METADATA_REGION = guid("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final byte[] VIRTUAL_DISK_SIZE = guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8");

    private enum Stage {
        IDENTIFIER,
        REGION_TABLE,
        METADATA_TABLE,
        VIRTUAL_DISK_SIZE,
        DONE,
        NOT_VHDX,
        BROKEN
    }

    private Stage stage = Stage.IDENTIFIER;
    private CaptureRegion current = addRegion(0, MAGIC.length);
    private long metadataOffset;
    private long virtualSize;
    private String problem = "";

    @Override
    ImageFormat format() {
        return ImageFormat.VHDX;
    }

    @Override
    boolean wantsMoreData() {
        return switch (stage) {
            case IDENTIFIER, REGION_TABLE, METADATA_TABLE, VIRTUAL_DISK_SIZE -> true;
            case DONE, NOT_VHDX, BROKEN -> false;
        };
    }

    @Override
    void afterChunk() {
        // One chunk may carry several structures in a row.
        while (advance()) {
            // keep going
        }
    }

    /** Moves to the next stage if the current region allows it; false when it must wait. */
    private boolean advance() {
        if (current.missed()) {
            return fail("The " + describe(stage) + " lies before data already read");
        }
        return switch (stage) {
            case IDENTIFIER -> readIdentifier();
            case REGION_TABLE -> readRegionTable();
            case METADATA_TABLE -> readMetadataTable();
            case VIRTUAL_DISK_SIZE -> readVirtualDiskSize();
            case DONE, NOT_VHDX, BROKEN -> false;
        };
    }

    private boolean readIdentifier() {
        if (!current.complete()) {
            return false;
        }
        if (!signaturePresent(current, 0, MAGIC)) {
            stage = Stage.NOT_VHDX;
            ruleOut();
            return false;
        }
        return moveTo(Stage.REGION_TABLE, REGION_TABLE_OFFSET, TABLE_LENGTH);
    }

    private boolean readRegionTable() {
        if (!current.complete()) {
            return false;
        }
        byte[] table = current.data();
        if (u32le(table, 0) != REGION_TABLE_SIGNATURE) {
            return fail("Region table signature not found");
        }
        long count = u32le(table, 8);
        if (count > MAX_ENTRIES) {
            return fail("Region count is " + count + " (limit " + MAX_ENTRIES + ")");
        }
        for (int i = 0; i < count; i++) {
            int entry = 16 + i * 32;
            if (ByteFields.matches(table, TABLE_LENGTH, entry, METADATA_REGION)) {
                metadataOffset = u64le(table, entry + 16);
                if (metadataOffset < 0) {
                    return fail("Metadata region offset is out of range");
                }
                return moveTo(Stage.METADATA_TABLE, metadataOffset, TABLE_LENGTH);
            }
        }
        return fail("Metadata region not found");
    }

    private boolean readMetadataTable() {
        if (current.filled() < 32) {
            return false;
        }
        byte[] table = current.data();
        if (!ByteFields.matches(table, current.filled(), 0, METADATA_SIGNATURE)) {
            return fail("Invalid signature for metadata region");
        }
        int count = u16le(table, 10);
        if (count > MAX_ENTRIES) {
            return fail("Metadata item count is " + count + " (limit " + MAX_ENTRIES + ")");
        }
        if (current.filled() < 32 + count * 32) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int entry = 32 + i * 32;
            if (ByteFields.matches(table, current.filled(), entry, VIRTUAL_DISK_SIZE)) {
                long itemOffset = u32le(table, entry + 16);
                if (itemOffset + 8 <= current.filled()) {
                    // The item sits inside the table bytes already captured.
                    return finish(u64le(table, (int) itemOffset));
                }
                return moveTo(Stage.VIRTUAL_DISK_SIZE, metadataOffset + itemOffset, 8);
            }
        }
        return fail("Virtual disk size metadata item not found");
    }

    private boolean readVirtualDiskSize() {
        if (!current.complete()) {
            return false;
        }
        return finish(u64le(current.data(), 0));
    }

    private boolean moveTo(Stage next, long offset, int length) {
        dropRegion(current);
        stage = next;
        current = addRegion(offset, length);
        return true;
    }

    private boolean finish(long size) {
        dropAllRegions();
        if (size < 0) {
            return fail("Virtual size is larger than 2^63-1 bytes");
        }
        virtualSize = size;
        stage = Stage.DONE;
        return false;
    }

    private boolean fail(String reason) {
        dropAllRegions();
        problem = reason;
        stage = Stage.BROKEN;
        return false;
    }

    @Override
    FormatReport report(long streamLength) {
        return switch (stage) {
            case IDENTIFIER, NOT_VHDX -> FormatReport.notMatched(format());
            case DONE -> FormatReport.matched(format(), OptionalLong.of(virtualSize), List.of());
            case BROKEN -> broken(problem);
            case REGION_TABLE, METADATA_TABLE, VIRTUAL_DISK_SIZE ->
                broken("Truncated VHDX: the stream ended before the " + describe(stage));
        };
    }

    private FormatReport broken(String reason) {
        return FormatReport.matched(format(), OptionalLong.empty(), List.of(new SafetyFailure("header", reason)));
    }

    private static String describe(Stage stage) {
        return switch (stage) {
            case REGION_TABLE -> "region table";
            case METADATA_TABLE -> "metadata table";
            case VIRTUAL_DISK_SIZE -> "virtual disk size item";
            default -> "file identifier";
        };
    }

    /** The on-disk bytes of a GUID: first three groups little-endian, the rest as written. */
    static byte[] guid(String text) {
        byte[] b = HexFormat.of().parseHex(text.replace("-", ""));
        return new byte[] {
            b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
        };
    }
}
