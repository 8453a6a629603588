package io.glimpse.conforming.config;

public interface ThingConfig {
    int quota();
}
