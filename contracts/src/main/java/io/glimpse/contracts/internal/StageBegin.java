package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST} {@link InternalApi#STAGE}: {@code PUT /v2/images/{id}/stage} is about to store data. catalog
 * authorizes {@code modify_image} for the user (404 when it may not see the image, 403), moves the image
 * {@code queued → uploading} (409 from any other status) and records {@code stageToken}; answers 200 with the
 * {@code ImageState} after the change.
 *
 * @param stageToken names this staging attempt; only a {@link StageEnd} with the same token ends it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StageBegin(ActingUser user, String stageToken) {}
