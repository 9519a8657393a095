package org.medcrypt.internal.format;

import java.util.Objects;
import org.medcrypt.model.EntityType;

/**
 * Where a small key sits: its entity and the pair it is written for. v2 binds all of it (and the
 * role) into the associated data; v1 binds only the entity id, through its {@code entityId:} prefix.
 */
public record ValueContext(EntityType type, String entityId, String owner, String delegate) {
    public ValueContext {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegate, "delegate");
    }
}
