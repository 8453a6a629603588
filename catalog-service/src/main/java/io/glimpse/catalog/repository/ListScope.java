package io.glimpse.catalog.repository;

/** Who reads images: the caller's project, and whether it sees every project's images. */
record ListScope(String projectId, boolean admin) {}
