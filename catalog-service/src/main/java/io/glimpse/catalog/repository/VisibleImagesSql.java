package io.glimpse.catalog.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images a caller may list before any filter (glance-v2-api.md §4.5), as SQL conditions on {@code images i}:
 * live, not killed, hidden or not as asked, and in the visibility base set of the caller's project (public,
 * community, own, shared with it) narrowed by the {@code visibility} filter. The listing and search both read
 * exactly this set, so neither ever shows an image the other would not.
 */
final class VisibleImagesSql {
    private final ListScope scope;
    private final SqlParameters parameters;
    private String projectParameter;

    VisibleImagesSql(ListScope scope, SqlParameters parameters) {
        this.scope = scope;
        this.parameters = parameters;
    }

    /**
     * @param visibility   a visibility value or {@code all}; empty for the default set
     * @param memberStatus a membership status or {@code all}, for shared images found through membership
     * @param osHidden     true for hidden images only, false for the others
     */
    List<String> conditions(Optional<String> visibility, String memberStatus, boolean osHidden) {
        List<String> where = new ArrayList<>();
        where.add("i.deleted_at is null");
        where.add("i.status <> 'killed'");
        where.add("i.os_hidden = " + parameters.bind(osHidden));
        where.add(visibility(visibility.orElse(""), memberStatus));
        return where;
    }

    private String visibility(String visible, String memberStatus) {
        if (scope.admin()) {
            return switch (visible) {
                case "" -> "(i.visibility <> 'community' or " + owned() + ")";
                case "all" -> "true";
                default -> "i.visibility = " + parameters.bind(visible);
            };
        }
        return switch (visible) {
            case "" -> "(i.visibility = 'public' or " + owned() + " or " + sharedWithCaller(memberStatus) + ")";
            case "all" ->
                "(i.visibility in ('public', 'community') or " + owned() + " or " + sharedWithCaller(memberStatus)
                        + ")";
            case "public", "community" -> "i.visibility = " + parameters.bind(visible);
            case "shared" -> "(" + owned() + " and i.visibility = 'shared' or " + sharedWithCaller(memberStatus) + ")";
            default -> "i.visibility = " + parameters.bind(visible) + " and " + owned();
        };
    }

    private String owned() {
        if (projectParameter == null) {
            projectParameter = parameters.bind(scope.projectId());
        }
        return "i.owner = " + projectParameter;
    }

    /** Shared images the caller's project is a member of, with the asked membership status (§4.4 member_status). */
    private String sharedWithCaller(String memberStatus) {
        owned();
        return "(i.visibility = 'shared' and exists (select 1 from image_memberships m where m.image_id = i.id"
                + " and m.member_id = " + projectParameter + " and not m.deleted"
                + (memberStatus.equals("all") ? "" : " and m.status = " + parameters.bind(memberStatus)) + "))";
    }
}
