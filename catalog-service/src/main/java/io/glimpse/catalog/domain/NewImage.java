package io.glimpse.catalog.domain;

import io.glimpse.contracts.model.Visibility;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated create request: what the caller asked for, before defaults that depend on the caller. */
public record NewImage(
        Optional<String> id,
        Optional<String> name,
        Visibility visibility,
        boolean isProtected,
        boolean osHidden,
        Optional<String> owner,
        Optional<String> diskFormat,
        Optional<String> containerFormat,
        int minDisk,
        int minRam,
        List<String> tags,
        Map<String, String> properties) {}
