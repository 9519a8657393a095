package org.medcrypt.agility;

import java.util.Locale;
import java.util.Objects;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;

/**
 * Names one entity in a report: its type and id (public data only).
 *
 * @param type the entity's type
 * @param id its id
 */
public record EntityRef(EntityType type, String id) {
    public EntityRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** The type and id of this entity. */
    public static EntityRef of(EncryptableEntity<?> entity) {
        return new EntityRef(entity.type(), entity.id());
    }

    /** {@code patient '1234'}, {@code health element 'HE-1'}. */
    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '" + id + "'";
    }
}
