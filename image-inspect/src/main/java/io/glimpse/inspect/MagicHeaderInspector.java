package io.glimpse.inspect;

/**
 * A format recognised by a magic number at the very start of a header of known size: the header
 * is captured from offset 0, the format is ruled out as soon as the captured bytes contradict the
 * magic, and only a matching header reaches {@link #reportMatched}.
 */
abstract sealed class MagicHeaderInspector extends FormatInspector permits QcowInspector, QedInspector, LuksInspector {

    /** The captured header, from offset 0. */
    final CaptureRegion header;

    private final byte[] magic;

    MagicHeaderInspector(byte[] magic, int headerLength) {
        this.magic = magic.clone();
        this.header = addRegion(0, headerLength);
    }

    @Override
    final boolean wantsMoreData() {
        return !header.complete();
    }

    @Override
    final void afterChunk() {
        if (signatureRuledOut(header, 0, magic)) {
            ruleOut();
        }
    }

    @Override
    final FormatReport report(long streamLength) {
        if (ruledOut() || !signaturePresent(header, 0, magic)) {
            return FormatReport.notMatched(format());
        }
        return reportMatched(streamLength);
    }

    /** The report of a stream whose header carries the magic. */
    abstract FormatReport reportMatched(long streamLength);
}
