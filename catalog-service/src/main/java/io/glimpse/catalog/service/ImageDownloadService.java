package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.RangeRequest;
import io.glimpse.catalog.storage.LocationOrder;
import io.glimpse.catalog.storage.StoreFailures;
import io.glimpse.store.ByteRange;
import io.glimpse.store.ImageDataNotFoundException;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.Optional;

/**
 * {@code GET /v2/images/{id}/file} (§5.2): the data of the first location, in store weight order, that can be
 * opened; streamed by the caller, never held here. Runs on a worker thread (store reads block).
 */
@ApplicationScoped
public class ImageDownloadService {
    private static final Logger LOG = Logger.getLogger(ImageDownloadService.class);

    private final ImageDataSteps steps;
    private final StoreRegistry stores;
    private final LocationOrder order;

    public ImageDownloadService(ImageDataSteps steps, StoreRegistry stores, LocationOrder order) {
        this.steps = steps;
        this.stores = stores;
        this.order = order;
    }

    /**
     * What to send: empty when the image has no data (204).
     *
     * @param range the client's range, if it sent one
     */
    public Optional<ImageData> download(Caller caller, String id, Optional<RangeRequest> range) {
        Image image = ImageUploadService.await(() -> steps.forDownload(caller, id, caller.isAdmin()));
        if (image.locations().isEmpty() || image.size == null) {
            return Optional.empty();
        }
        Optional<ByteRange> bytes = range.map(wanted -> wanted.resolve(image.size));
        StoreException unavailable = null;
        for (ImageLocation location : order.byWeight(image.locations())) {
            Optional<ImageStore> store = stores.find(location.storeId());
            if (store.isEmpty()) {
                continue;
            }
            try {
                InputStream data = store.get().read(location.url(), bytes);
                long length = bytes.map(span -> span.lastByte().getAsLong() - span.firstByte() + 1)
                        .orElse(image.size);
                return Optional.of(new ImageData(data, length, image.size, bytes, Optional.ofNullable(image.checksum)));
            } catch (ImageDataNotFoundException missing) {
                LOG.warnf("image %s: no data at %s", id, location.url());
            } catch (StoreException failure) {
                LOG.warnf("image %s: store %s failed: %s", id, location.storeId(), failure.toString());
                unavailable = failure;
            }
        }
        if (unavailable != null) {
            throw StoreFailures.toApi(unavailable);
        }
        return Optional.empty();
    }

    /**
     * @param data     the open stream; the caller closes it (by streaming it out)
     * @param length   bytes in {@code data}
     * @param size     the whole image's size
     * @param range    the resolved range when one was asked for
     * @param checksum the image's MD5 hex, for {@code Content-MD5}
     */
    public record ImageData(
            InputStream data, long length, long size, Optional<ByteRange> range, Optional<String> checksum) {}
}
