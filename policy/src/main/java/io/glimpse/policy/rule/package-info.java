/**
 * The oslo.policy check-string language: {@link io.glimpse.policy.rule.RuleParser} turns text into
 * an immutable tree of {@link io.glimpse.policy.rule.Check} records. Pure syntax: evaluation lives
 * in {@link io.glimpse.policy.PolicyEngine}.
 */
package io.glimpse.policy.rule;
