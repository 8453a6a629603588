package io.glimpse.catalog;

import io.glimpse.testsupport.HttpRequestTap;
import io.glimpse.testsupport.LocalSuite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Map;

/**
 * Puts an {@link HttpRequestTap} between the catalog's {@code s3} store and the real S3 endpoint, so that a test sees
 * every request the store makes; the tap goes into the test's field annotated {@link Inject}.
 */
public class S3StoreTap implements QuarkusTestResourceLifecycleManager {
    private HttpRequestTap tap;

    /** Marks the test field that receives the tap. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    @Override
    public Map<String, String> start() {
        tap = HttpRequestTap.inFrontOf(URI.create(LocalSuite.s3Url()));
        return Map.of("glimpse.store.backends.s3.endpoint", tap.endpoint().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                tap, new TestInjector.AnnotatedAndMatchesType(Inject.class, HttpRequestTap.class));
    }

    @Override
    public void stop() {
        if (tap != null) {
            tap.close();
        }
    }
}
