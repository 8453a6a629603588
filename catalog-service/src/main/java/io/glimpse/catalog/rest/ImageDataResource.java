package io.glimpse.catalog.rest;

import io.glimpse.catalog.domain.RangeRequest;
import io.glimpse.catalog.service.ImageDownloadService;
import io.glimpse.catalog.service.ImageUploadService;
import io.glimpse.contracts.internal.SendFile;
import io.glimpse.store.FileSegmentStream;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.PathPart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code PUT|GET /v2/images/{id}/file} (§5.1, §5.2). Blocking on purpose: the request body is an InputStream read
 * on this worker thread as it arrives (Quarkus REST buffers only {@code quarkus.rest.input-buffer-size} before
 * switching to streaming), and downloads are written out from the store's stream (or, for the file store, sent by
 * the kernel), so memory stays bounded.
 */
@Path("/v2/images/{imageId}/file")
@Authenticated
@Blocking
public class ImageDataResource {
    private final ImageUploadService uploads;
    private final ImageDownloadService downloads;
    private final CurrentCaller caller;

    public ImageDataResource(ImageUploadService uploads, ImageDownloadService downloads, CurrentCaller caller) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.caller = caller;
    }

    /**
     * Any other Content-Type never reaches here: 415 from the framework (rendered by the ErrorMapper); a missing one
     * would (JAX-RS reads it as octet-stream), but Glance refuses it too.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(
            @PathParam("imageId") String imageId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("x-openstack-image-size") String announcedSize,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam("X-Image-Meta-Store") String store,
            InputStream body) {
        if (contentType == null || contentType.isBlank()) {
            throw new GlimpseException.UnsupportedMediaType("Content-Type must be application/octet-stream.");
        }
        long expected = announcedSize != null
                ? size(announcedSize)
                : contentLength != null ? Long.parseLong(contentLength.trim()) : -1;
        uploads.upload(caller.get(), imageId, Optional.ofNullable(store).map(String::trim), body, expected);
        return Response.noContent().build();
    }

    @GET
    public Response download(
            @PathParam("imageId") String imageId,
            @HeaderParam("Range") String range,
            @HeaderParam("Content-Range") String legacyRange,
            @HeaderParam(SendFile.OFFER) String sendFileOffer) {
        Optional<RangeRequest> wanted = RangeRequest.parse(range, legacyRange);
        return downloads
                .download(caller.get(), imageId, wanted)
                .map(data -> {
                    Response.ResponseBuilder response = Response.status(
                                    data.range().isPresent() ? 206 : 200)
                            .type(MediaType.APPLICATION_OCTET_STREAM);
                    if (sendFileOffer != null && data.data() instanceof FileSegmentStream file) {
                        // The gateway sends the file itself: this answer carries only the decision.
                        closeQuietly(file);
                        response.header(SendFile.PATH, file.path().toString())
                                .header(SendFile.SPAN, file.offset() + " " + file.length());
                    } else {
                        response.entity(body(data.data())).header(HttpHeaders.CONTENT_LENGTH, data.length());
                    }
                    data.range()
                            .ifPresent(span -> response.header(
                                    "Content-Range",
                                    "bytes " + span.firstByte() + "-"
                                            + span.lastByte().getAsLong() + "/" + data.size()));
                    // Glance sends the hex MD5 here (not base64), always the whole image's, on 206 too: a client
                    // resuming a download checks the joined pieces against it.
                    data.checksum().ifPresent(sum -> response.header("Content-MD5", sum));
                    return response.build();
                })
                .orElseGet(() -> Response.noContent().build());
    }

    /**
     * A span of a local file goes out with sendfile(2): the kernel copies it to the socket, not this worker thread
     * (a download computes no digest, so no byte needs to pass through the JVM). Any other stream is copied out.
     */
    private static Object body(InputStream data) {
        if (data instanceof FileSegmentStream file) {
            PathPart part = new PathPart(file.path(), file.offset(), file.length());
            closeQuietly(file);
            return part;
        }
        return data;
    }

    private static void closeQuietly(InputStream data) {
        try {
            data.close();
        } catch (IOException e) {
            // Only a read descriptor; the file is sent by name.
        }
    }

    private static long size(String header) {
        try {
            long value = Long.parseLong(header.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest("x-openstack-image-size must be a non-negative integer: " + header);
        }
    }
}
