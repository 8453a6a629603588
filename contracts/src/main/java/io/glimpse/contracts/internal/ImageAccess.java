package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST} {@link InternalApi#IMAGE_ACCESS}: may {@code user} see the image ({@code get_image})? 200 with
 * the {@code ImageState} when it may, 404 when not (or there is no such image).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageAccess(ActingUser user) {}
