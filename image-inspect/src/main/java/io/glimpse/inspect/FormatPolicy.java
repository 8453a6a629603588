package io.glimpse.inspect;

/**
 * What {@link FormatCheck} enforces, mirroring Glance's {@code [image_format]} options.
 *
 * @param requireImageFormatMatch reject content whose detected format differs from the declared
 *     {@code disk_format} (Glance's {@code require_image_format_match}, default true). Safety
 *     failures are rejected either way.
 * @param gptSafetyChecksNonfatal do not reject a partition table that fails oslo's MBR checks
 *     (Glance's {@code gpt_safety_checks_nonfatal}): those checks mostly catch raw data
 *     mis-identified as an MBR rather than an attack. Default true.
 */
public record FormatPolicy(boolean requireImageFormatMatch, boolean gptSafetyChecksNonfatal) {

    public static final FormatPolicy DEFAULT = new FormatPolicy(true, true);
}
