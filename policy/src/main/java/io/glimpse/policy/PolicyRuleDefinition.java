package io.glimpse.policy;

import io.glimpse.policy.rule.Check;

/** A named rule as loaded: its text, its parse tree and where it came from (for messages). */
record PolicyRuleDefinition(String name, String checkString, Check check, RuleOrigin origin) {}
