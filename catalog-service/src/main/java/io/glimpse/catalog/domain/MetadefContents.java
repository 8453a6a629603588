package io.glimpse.catalog.domain;

import java.util.List;

/** A namespace with everything defined in it, as {@code GET /v2/metadefs/namespaces/{ns}} shows it. */
public record MetadefContents(
        MetadefNamespace namespace,
        List<MetadefAssociation> associations,
        List<MetadefProperty> properties,
        List<MetadefObject> objects,
        List<MetadefTag> tags) {}
