package org.medcrypt.agility;

import java.util.Objects;

/**
 * An entity an operation left as it was, and why (one line, no key or plaintext).
 *
 * @param entity the entity
 * @param reason why it was not changed, such as "not shared with 'B'"
 */
public record Skipped(EntityRef entity, String reason) {
    public Skipped {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return entity + ": " + reason;
    }
}
