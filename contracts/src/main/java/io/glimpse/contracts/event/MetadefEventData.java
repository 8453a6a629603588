package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * The data of every event on {@code glimpse.metadefs} ({@code metadef_namespace.*}, {@code metadef_object.*},
 * {@code metadef_property.*}, {@code metadef_tag.*}, {@code metadef_resource_type.*}).
 *
 * @param namespace the namespace the change happened in (also the record key)
 * @param name      the object, property, tag or resource type changed; the namespace itself for namespace events
 * @param nameOld   the name before a rename, when the change renamed it
 * @param resource  the resource as the API shows it after the change (before it, for a delete)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetadefEventData(
        Actor actor, String requestId, String namespace, String name, String nameOld, Map<String, Object> resource) {}
