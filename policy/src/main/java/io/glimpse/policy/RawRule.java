package io.glimpse.policy;

/** One {@code name: "check string"} entry of a policy file, before parsing the check string. */
record RawRule(String name, String checkString, int line) {}
