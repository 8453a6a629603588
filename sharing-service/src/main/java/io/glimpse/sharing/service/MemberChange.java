package io.glimpse.sharing.service;

import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.sharing.domain.ImageMember;

/** A committed membership change: the membership as it is (or was, for a delete) and the event written for it. */
public record MemberChange(ImageMember member, MemberEventData event) {}
