package io.glimpse.sharing.domain;

import io.glimpse.support.error.GlimpseException;

/** The project is not a member of the image, or the caller may not see that membership. */
public class MemberNotFoundException extends GlimpseException.NotFound {
    public MemberNotFoundException(String imageId, String memberId) {
        // Glance's wording (image_members.py), which clients may show to users.
        super(memberId + " not found in the member list of the image " + imageId + ".");
    }
}
