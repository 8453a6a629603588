package io.glimpse.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for the async SDK's calls of one store, turning every failure into a {@link StoreUnavailableException}. */
final class S3Calls {
    private final String storeId;

    S3Calls(String storeId) {
        this.storeId = storeId;
    }

    String storeId() {
        return storeId;
    }

    /** Starts the call and waits for its answer. */
    <T> T call(String what, AsyncCall<T> start) {
        CompletableFuture<T> future;
        try {
            future = start.start();
        } catch (Exception e) {
            throw new StoreUnavailableException(storeId, what, e);
        }
        return await(what, future);
    }

    /** Waits for a call started earlier. */
    <T> T await(String what, CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new StoreUnavailableException(storeId, what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(storeId, what, e);
        }
    }

    @FunctionalInterface
    interface AsyncCall<T> {
        CompletableFuture<T> start() throws Exception;
    }
}
