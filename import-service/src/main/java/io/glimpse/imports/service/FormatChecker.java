package io.glimpse.imports.service;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.inspect.FormatCheck;
import io.glimpse.inspect.FormatPolicy;
import io.glimpse.inspect.FormatVerdict;
import io.glimpse.inspect.InspectionResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalLong;

/**
 * The format check of an upload (glance-v2-api.md §5.1 step 5), applied to staged data: only {@code bare} containers
 * are checked, against the declared {@code disk_format}. Staging records the verdict for the disk_format the image had
 * then; an import whose image declares the same format reuses it.
 */
@ApplicationScoped
public class FormatChecker {
    private final FormatPolicy policy;

    public FormatChecker(ImportConfig config) {
        this.policy =
                new FormatPolicy(config.requireImageFormatMatch(), FormatPolicy.DEFAULT.gptSafetyChecksNonfatal());
    }

    /** Records the inspection and, when the image's formats are set, its verdict on the staged data. */
    public void record(StagedData staged, ImageSnapshot image, InspectionResult inspection) {
        record(staged, image.containerFormat(), image.diskFormat(), inspection);
    }

    /** The same for data whose formats are not (yet) the image's: what an import plugin made of it. */
    public void record(StagedData staged, String containerFormat, String diskFormat, InspectionResult inspection) {
        staged.detectedFormat = inspection.format().map(Object::toString).orElse("ambiguous");
        staged.formatSafety = inspection.isSafe() ? "safe" : inspection.safety().describe();
        staged.virtualSize = null;
        staged.checkedDiskFormat = null;
        staged.formatRejection = null;
        if (!"bare".equals(containerFormat) || diskFormat == null) {
            return;
        }
        staged.checkedDiskFormat = diskFormat;
        switch (FormatCheck.check(diskFormat, inspection, policy)) {
            case FormatVerdict.Accepted accepted -> staged.virtualSize = virtualSize(accepted.virtualSize());
            case FormatVerdict.Rejected rejected ->
                staged.formatRejection =
                        "Image data does not match disk_format " + diskFormat + ": " + rejected.message();
        }
    }

    /** Whether the recorded verdict answers for the image as it is now (else the data must be inspected again). */
    public boolean recordedFor(StagedData staged, ImageSnapshot image) {
        return !"bare".equals(image.containerFormat())
                || (image.diskFormat() != null && image.diskFormat().equals(staged.checkedDiskFormat));
    }

    /** The virtual size to give the image, or the rejection, for a verdict {@link #recordedFor} the image. */
    public Verdict verdict(StagedData staged, ImageSnapshot image) {
        if (!"bare".equals(image.containerFormat())) {
            return new Verdict(null, null);
        }
        return new Verdict(staged.virtualSize, staged.formatRejection);
    }

    /** @param rejection why the data does not suit the image, or null when it does */
    public record Verdict(Long virtualSize, String rejection) {}

    private static Long virtualSize(OptionalLong size) {
        return size.isPresent() ? size.getAsLong() : null;
    }
}
