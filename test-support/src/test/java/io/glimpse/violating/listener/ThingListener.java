package io.glimpse.violating.listener;

public class ThingListener {
    public void on(String id) {}
}
