package io.glimpse.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a VMDK text descriptor as it streams by, keeping one line at a time rather than the whole
 * descriptor (which qemu allows to be up to 1 MiB).
 *
 * <p>Lines are judged as oslo's {@code check_descriptor} does, on lower-cased text: blank lines
 * and comments are ignored, {@code ddb...} lines and {@code key=value} header fields (no space in
 * the key) are allowed, extent lines start with {@code rw}, {@code rdonly} or {@code noaccess},
 * and anything else makes the descriptor invalid. Like qemu, the descriptor ends at the first NUL.
 *
 * <p>Two markers are also counted over the raw byte stream, independent of line buffering:
 * {@code createType} (qemu takes the first occurrence anywhere, so more than one is suspicious)
 * and {@code parentFileNameHint} (qemu turns it into a backing file wherever it appears).
 */
final class VmdkDescriptorScanner {

    static final int MAX_LINE_LENGTH = 4096;
    private static final Set<String> EXTENT_ACCESS = Set.of("rw", "rdonly", "noaccess");
    private static final String MONOLITHIC_EXTENT_TYPE = "sparse";

    private final SubstringCounter createTypeMarker = new SubstringCounter("createtype");
    private final SubstringCounter parentMarker = new SubstringCounter("parentfilenamehint");
    private byte[] line = new byte[0];
    private int lineLength;
    private boolean lineOverflowed;
    private boolean ended;

    private String createType = "";
    private boolean sawNonAscii;
    private boolean sawOverlongLine;
    private String firstInvalidLine = "";
    private int extents;
    private boolean extentWithPath;
    private String firstForeignExtentType = "";

    /** Feeds descriptor bytes; everything after the first NUL is ignored. */
    void feed(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length && !ended; i++) {
            feed(buffer[i]);
        }
    }

    private void feed(byte raw) {
        if (raw == 0) {
            ended = true;
            endLine();
            return;
        }
        if (raw < 0) {
            sawNonAscii = true;
        }
        byte b = (raw >= 'A' && raw <= 'Z') ? (byte) (raw + ('a' - 'A')) : raw;
        createTypeMarker.feed(b);
        parentMarker.feed(b);
        if (b == '\n') {
            endLine();
        } else if (lineLength < MAX_LINE_LENGTH) {
            if (line.length == 0) {
                line = new byte[MAX_LINE_LENGTH];
            }
            line[lineLength++] = b;
        } else {
            lineOverflowed = true;
        }
    }

    /** True once a NUL ended the descriptor. */
    boolean ended() {
        return ended;
    }

    /** Flushes a last line that had no newline. */
    void finish() {
        endLine();
    }

    /** oslo recognises a descriptor-only VMDK by its createType header. */
    boolean mentionsCreateType() {
        return createTypeMarker.count() > 0;
    }

    int retainedBytes() {
        return line.length;
    }

    /** Frees the line buffer once the descriptor has been read. */
    void release() {
        line = new byte[0];
    }

    private void endLine() {
        if (lineOverflowed) {
            sawOverlongLine = true;
        } else if (lineLength > 0) {
            classify(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1).strip());
        }
        lineLength = 0;
        lineOverflowed = false;
    }

    private void classify(String text) {
        if (text.isEmpty() || text.startsWith("#") || text.startsWith("ddb")) {
            return;
        }
        int equals = text.indexOf('=');
        if (equals >= 0 && text.substring(0, equals).indexOf(' ') < 0) {
            headerField(text.substring(0, equals), text.substring(equals + 1).strip());
            return;
        }
        String[] tokens = text.split(" +");
        if (EXTENT_ACCESS.contains(tokens[0])) {
            extent(text, tokens);
            return;
        }
        if (firstInvalidLine.isEmpty()) {
            firstInvalidLine = printable(text);
        }
    }

    private void headerField(String key, String value) {
        if (key.equals("createtype") && createType.isEmpty()) {
            String unquoted = value.startsWith("\"") ? value.substring(1) : value;
            int quote = unquoted.indexOf('"');
            createType = printable(quote >= 0 ? unquoted.substring(0, quote) : unquoted);
        }
    }

    private void extent(String text, String[] tokens) {
        extents++;
        if (text.indexOf('/') >= 0) {
            extentWithPath = true;
        }
        // "RW <sectors> <type> "<file>" [offset]": the type is the third token.
        String type = tokens.length > 2 ? tokens[2] : "";
        if (!type.equals(MONOLITHIC_EXTENT_TYPE) && firstForeignExtentType.isEmpty()) {
            firstForeignExtentType = type.isEmpty() ? "(none)" : printable(type);
        }
    }

    /**
     * Everything wrong with the descriptor, or nothing.
     *
     * @param embedded true for the descriptor inside a sparse VMDK (whose only legitimate extent is
     *     the file itself, so only SPARSE extents may appear)
     */
    List<SafetyFailure> failures(Set<String> allowedCreateTypes, boolean embedded) {
        List<SafetyFailure> failures = new ArrayList<>();
        if (sawNonAscii) {
            failures.add(descriptor("Invalid VMDK descriptor data (not ASCII text)"));
        }
        if (createType.isEmpty()) {
            failures.add(descriptor("Unsupported subformat: no createType header"));
        } else if (!allowedCreateTypes.contains(createType)) {
            failures.add(descriptor("Unsupported subformat: " + createType));
        }
        if (createTypeMarker.count() > 1) {
            failures.add(descriptor("createType appears more than once"));
        }
        if (!firstInvalidLine.isEmpty()) {
            failures.add(descriptor("Invalid VMDK descriptor data: unsupported line '" + firstInvalidLine + "'"));
        }
        if (sawOverlongLine) {
            failures.add(
                    descriptor("Invalid VMDK descriptor data: a line is longer than " + MAX_LINE_LENGTH + " bytes"));
        }
        if (extentWithPath) {
            failures.add(descriptor("Invalid extent filenames found"));
        }
        if (extents == 0) {
            failures.add(descriptor("No extents found"));
        }
        if (embedded && !firstForeignExtentType.isEmpty()) {
            failures.add(descriptor(
                    "Extent type " + firstForeignExtentType + " does not belong in a single-file sparse image"));
        }
        if (parentMarker.count() > 0) {
            failures.add(new SafetyFailure(
                    "parent",
                    "Descriptor names a parent image" + " (parentFileNameHint), which qemu opens as a backing file"));
        }
        return failures;
    }

    private static SafetyFailure descriptor(String reason) {
        return new SafetyFailure("descriptor", reason);
    }

    /** Keeps untrusted text short and printable before it lands in a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
