package io.glimpse.violating.config;

public interface ThingConfig {
    int quota();
}
