package io.glimpse.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo identities of the realm (docs/architecture.md "Identity and policy"), used across the tests. */
public final class Personas {

    public static final Credentials ADMIN = Credentials.of("admin", "admin-project", "admin", "member", "reader");
    public static final Credentials ALICE = Credentials.of("alice", "project-a", "member", "reader");
    public static final Credentials BOB = Credentials.of("bob", "project-b", "member", "reader");
    public static final Credentials CAROL = Credentials.of("carol", "project-a", "reader");
    public static final Credentials SVC = Credentials.of("svc", "service", "service");

    /** By user id, in a stable order. */
    public static final Map<String, Credentials> ALL = all();

    private Personas() {}

    private static Map<String, Credentials> all() {
        Map<String, Credentials> all = new LinkedHashMap<>();
        for (Credentials c : new Credentials[] {ADMIN, ALICE, BOB, CAROL, SVC}) {
            all.put(c.userId(), c);
        }
        return Collections.unmodifiableMap(all);
    }
}
