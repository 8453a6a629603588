package io.glimpse.support.outbox;

/** Stands in for service-support's outbox (test-support cannot depend on it): the rules know it by name. */
public class Outbox {
    public void record(String event) {}
}
