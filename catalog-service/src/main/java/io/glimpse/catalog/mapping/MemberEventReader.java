package io.glimpse.catalog.mapping;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.MemberEventData;

/** Reads {@code MemberEventData} (event data or the internal push body) and rejects what the projection cannot apply. */
public final class MemberEventReader {
    private MemberEventReader() {}

    /** @throws IllegalArgumentException when the JSON is not a complete membership change */
    public static MemberEventData read(String json) {
        MemberEventData data = EventJson.read(json, MemberEventData.class);
        if (data.member() == null
                || data.member().imageId() == null
                || data.member().memberId() == null
                || data.member().status() == null) {
            throw new IllegalArgumentException("the membership change names no image, member or status");
        }
        return data;
    }
}
