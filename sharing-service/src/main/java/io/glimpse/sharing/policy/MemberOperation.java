package io.glimpse.sharing.policy;

import io.glimpse.policy.GlancePolicy;

/** The named operations of the members API, each bound to the Glance policy rule that guards it (§14.2). */
public enum MemberOperation {
    ADD_MEMBER(GlancePolicy.ADD_MEMBER),
    LIST_MEMBERS(GlancePolicy.GET_MEMBERS),
    SHOW_MEMBER(GlancePolicy.GET_MEMBER),
    UPDATE_MEMBER(GlancePolicy.MODIFY_MEMBER),
    DELETE_MEMBER(GlancePolicy.DELETE_MEMBER);

    private final GlancePolicy rule;

    MemberOperation(GlancePolicy rule) {
        this.rule = rule;
    }

    public GlancePolicy rule() {
        return rule;
    }
}
