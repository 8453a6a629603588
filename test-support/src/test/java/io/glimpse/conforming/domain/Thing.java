package io.glimpse.conforming.domain;

public record Thing(String id) {}
