package io.glimpse.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Detects the disk format of a stream and runs that format's safety checks, in one pass and with
 * bounded memory: feed it the bytes as they flow to storage ({@link #update}, {@link
 * #asOutputStream()}, {@link InspectingInputStream}), then call {@link #finish()}.
 *
 * <p>Every known format is inspected in parallel, as oslo's {@code InspectWrapper} does, and the
 * matches are resolved the way oslo, Nova and Ironic resolve them:
 *
 * <ul>
 *   <li>no format matched: the content is {@link ImageFormat#RAW} (virtual size = stream length);
 *   <li>exactly one matched: that format, with its header's virtual size and safety checks;
 *   <li>ISO and GPT together: a hybrid ("bootable as a disk") ISO, which is legitimate and is
 *       reported as ISO (oslo raises here; Nova and Ironic special-case exactly this pair);
 *   <li>any other combination: {@link Detection.Ambiguous}, always unsafe, since one header may
 *       be hiding another (oslo's "Multiple formats detected", e.g. a qcow2 header planted in an
 *       ISO's system area).
 * </ul>
 *
 * <p>Memory: each format keeps only the header regions it needs (a VHDX table of 64 KiB at most,
 * a VMDK line buffer and 1.5 KiB tail window, a few sectors for the rest), buffers are allocated
 * only when their region arrives and freed as soon as a format is ruled out, and {@link
 * #retainedBytes()} never exceeds {@link #RETAINED_BYTES_LIMIT}, whatever the stream length.
 *
 * <p>Malformed content never makes {@code update} throw, so the inspector cannot break the upload
 * it rides on; problems surface in the result. Not thread-safe: calls must be sequential (they may
 * come from different threads if each happens-before the next, as the store's byte sink
 * guarantees). {@code update(byte[], int, int)} matches the store's {@code ByteSink}, so {@code
 * inspector::update} plugs straight in.
 */
public final class ImageInspector {

    /**
     * Upper bound of {@link #retainedBytes()}. The formats' largest buffers add up to about 78 KiB
     * (VHDX's 64 KiB table, qcow2's 4 KiB header, VMDK's 4 KiB line and 1.5 KiB tail, a few
     * sectors for the rest); the bound leaves room for growth without ever depending on image size.
     */
    public static final long RETAINED_BYTES_LIMIT = 128 * 1024;

    private static final int READ_BUFFER = 64 * 1024;

    private final List<FormatInspector> inspectors;
    private long bytesSeen;
    private Optional<InspectionResult> result = Optional.empty();

    public ImageInspector() {
        this(InspectionOptions.defaults());
    }

    public ImageInspector(InspectionOptions options) {
        Objects.requireNonNull(options, "options");
        this.inspectors = List.of(
                new QcowInspector(),
                new QedInspector(),
                new VhdInspector(),
                new VhdxInspector(),
                new VmdkInspector(options.allowedVmdkCreateTypes()),
                new VdiInspector(),
                new IsoInspector(),
                new GptInspector(),
                new LuksInspector());
    }

    /** Inspects a whole stream (read to its end, not closed) with the default options. */
    public static InspectionResult inspect(InputStream in) throws IOException {
        return inspect(in, InspectionOptions.defaults());
    }

    /** Inspects a whole stream (read to its end, not closed). */
    public static InspectionResult inspect(InputStream in, InspectionOptions options) throws IOException {
        ImageInspector inspector = new ImageInspector(options);
        byte[] buffer = new byte[READ_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            inspector.update(buffer, 0, n);
        }
        return inspector.finish();
    }

    /** Presents the next bytes of the stream. The buffer is not kept. */
    public void update(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (result.isPresent()) {
            throw new IllegalStateException("The inspection is finished");
        }
        bytesSeen += length;
        for (FormatInspector inspector : inspectors) {
            inspector.update(buffer, offset, length);
        }
    }

    /** An output stream view: bytes written to it are inspected; closing it does not finish. */
    public OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                update(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                update(b, off, len);
            }
        };
    }

    /** Bytes seen so far. */
    public long bytesSeen() {
        return bytesSeen;
    }

    /** Bytes currently held in inspection buffers; at most {@link #RETAINED_BYTES_LIMIT}. */
    public long retainedBytes() {
        long sum = 0;
        for (FormatInspector inspector : inspectors) {
            sum += inspector.retainedBytes();
        }
        return sum;
    }

    /**
     * Declares the end of the stream and returns the verdict. Idempotent; buffers are released and
     * further {@link #update} calls are refused.
     */
    public InspectionResult finish() {
        if (result.isEmpty()) {
            List<FormatReport> matches = inspectors.stream()
                    .map(i -> i.report(bytesSeen))
                    .filter(FormatReport::matched)
                    .toList();
            inspectors.forEach(FormatInspector::close);
            result = Optional.of(resolve(matches));
        }
        return result.get();
    }

    private InspectionResult resolve(List<FormatReport> matches) {
        if (matches.isEmpty()) {
            return new InspectionResult(
                    new Detection.Identified(ImageFormat.RAW),
                    OptionalLong.of(bytesSeen),
                    bytesSeen,
                    SafetyVerdict.SAFE);
        }
        Set<ImageFormat> formats = matches.stream()
                .map(FormatReport::format)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ImageFormat.class)));
        if (formats.size() == 1 || formats.equals(EnumSet.of(ImageFormat.ISO, ImageFormat.GPT))) {
            FormatReport chosen = matches.stream()
                    .filter(m -> formats.size() == 1 || m.format() == ImageFormat.ISO)
                    .findFirst()
                    .orElseThrow();
            return new InspectionResult(
                    new Detection.Identified(chosen.format()),
                    chosen.virtualSize(),
                    bytesSeen,
                    new SafetyVerdict(chosen.failures()));
        }
        Detection.Ambiguous ambiguous = new Detection.Ambiguous(formats);
        SafetyFailure failure =
                new SafetyFailure("multiple_formats", "Multiple formats detected: " + ambiguous.describe());
        return new InspectionResult(ambiguous, OptionalLong.empty(), bytesSeen, new SafetyVerdict(List.of(failure)));
    }
}
