package io.glimpse.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u16le;
import static io.glimpse.inspect.ByteFields.u32le;
import static io.glimpse.inspect.ByteFields.u8;

/**
 * A partition table: GPT, whose protective MBR is what is looked at, or a legacy MBR (GPT is a
 * superset, so oslo detects both as "gpt"). Matches a first sector ending in 0x55AA that is not
 * the boot sector of a FAT filesystem. Virtual size is the stream length, as for raw.
 *
 * <p>Safety checks are oslo's {@code check_mbr_partitions}: valid boot flags, at least one
 * partition, and a protective (0xEE) entry that starts at LBA 1 / CHS 0,2,0 and stands alone.
 * They mostly catch mis-identification, which is why {@link FormatPolicy} can make them non-fatal.
 */
final class GptInspector extends FormatInspector {

    static final String CHECK = "mbr";
    private static final int SECTOR = 512;
    private static final int BOOT_SIGNATURE = 0xAA55;
    private static final int PARTITION_TABLE = 446;
    private static final int PROTECTIVE_TYPE = 0xEE;
    private static final int FAT_MEDIA_FIXED_DISK = 0xF8;

    private final CaptureRegion mbr = addRegion(0, SECTOR);

    @Override
    ImageFormat format() {
        return ImageFormat.GPT;
    }

    @Override
    boolean wantsMoreData() {
        return !mbr.complete();
    }

    @Override
    void afterChunk() {
        if (mbr.complete() && !matches()) {
            ruleOut();
        }
    }

    private boolean matches() {
        if (!mbr.complete()) {
            return false;
        }
        byte[] sector = mbr.data();
        return u16le(sector, 510) == BOOT_SIGNATURE && !looksLikeFatBootSector(sector);
    }

    /** A FAT volume boot record has the same signature; its BIOS parameter block gives it away. */
    private static boolean looksLikeFatBootSector(byte[] sector) {
        int numberOfFats = u8(sector, 0x10);
        int mediaDescriptor = u8(sector, 0x15);
        return numberOfFats == 2 && mediaDescriptor == FAT_MEDIA_FIXED_DISK;
    }

    @Override
    FormatReport report(long streamLength) {
        if (ruledOut() || !matches()) {
            return FormatReport.notMatched(format());
        }
        List<SafetyFailure> failures = new ArrayList<>();
        partitionTableProblem(mbr.data()).ifPresent(p -> failures.add(new SafetyFailure(CHECK, p)));
        return FormatReport.matched(format(), OptionalLong.of(streamLength), failures);
    }

    /** The first problem with the four primary partition entries, as oslo reports it. */
    static Optional<String> partitionTableProblem(byte[] sector) {
        List<Integer> used = new ArrayList<>();
        boolean protective = false;
        for (int i = 0; i < 4; i++) {
            int entry = PARTITION_TABLE + 16 * i;
            int boot = u8(sector, entry);
            int type = u8(sector, entry + 4);
            if (boot != 0x00 && boot != 0x80) {
                return Optional.of("MBR PTE " + i + " has invalid boot flag");
            }
            if (type != 0) {
                used.add(i);
            }
            if (type == PROTECTIVE_TYPE) {
                protective = true;
                boolean chsIs020 =
                        u8(sector, entry + 1) == 0 && u8(sector, entry + 2) == 2 && u8(sector, entry + 3) == 0;
                if (!chsIs020) {
                    return Optional.of("GPT MBR has invalid start CHS");
                }
                if (u32le(sector, entry + 8) != 1) {
                    return Optional.of("GPT MBR has invalid start LBA");
                }
            }
        }
        if (protective && !used.equals(List.of(0))) {
            return Optional.of("GPT MBR defines invalid extra partitions");
        }
        if (used.isEmpty()) {
            return Optional.of("GPT MBR has no partitions defined");
        }
        return Optional.empty();
    }
}
