package io.glimpse.policy.rule;

/**
 * A node of a parsed oslo.policy check string. Immutable; {@link #toString()} renders the node
 * back in the policy language (composites fully parenthesised, like oslo.policy does), which
 * makes the parse tree easy to inspect in logs and tests.
 */
public sealed interface Check permits AlwaysAllow, AlwaysDeny, And, Or, Not, RuleReference, RoleCheck, GenericCheck {}
