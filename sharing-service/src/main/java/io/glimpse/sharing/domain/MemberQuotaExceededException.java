package io.glimpse.sharing.domain;

import io.glimpse.support.error.GlimpseException;

/** One more member would pass {@code image_member_quota}. */
public class MemberQuotaExceededException extends GlimpseException.TooLarge {
    public MemberQuotaExceededException(String imageId, long attempted, int maximum) {
        // Glance's wording (image_members.py around ImageMemberLimitExceeded).
        super("Image member limit exceeded for image " + imageId + ": The limit has been exceeded on the number of "
                + "allowed image members for this image. Attempted: " + attempted + ", Maximum: " + maximum);
    }
}
