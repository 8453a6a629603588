/**
 * Streaming disk-image format detection and safety checks, with the semantics of oslo.utils'
 * {@code format_inspector} (used by Glance, Nova and Ironic).
 *
 * <p>Typical use on upload: create an {@link io.glimpse.inspect.ImageInspector}, let it see every
 * byte written to the store ({@code inspector::update} as the store's byte sink, or an {@link
 * io.glimpse.inspect.InspectingInputStream}), then {@link
 * io.glimpse.inspect.ImageInspector#finish()} and ask {@link
 * io.glimpse.inspect.FormatCheck#check(String, io.glimpse.inspect.InspectionResult)} whether the
 * content may be kept under the declared {@code disk_format}. A rejection maps to HTTP 415.
 *
 * <p>Plain Java, no dependencies; memory stays under {@link
 * io.glimpse.inspect.ImageInspector#RETAINED_BYTES_LIMIT} whatever the image size.
 */
package io.glimpse.inspect;
