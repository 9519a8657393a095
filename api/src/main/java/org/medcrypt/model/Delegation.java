package org.medcrypt.model;

import java.util.Objects;

/**
 * One encrypted small key in an entity's {@code delegations}, {@code encryptionKeys} or
 * {@code cryptedForeignKeys}: {@code key} is {@code hex(IV ‖ AES-CBC_{pair key owner→delegatedTo}(
 * entityId + ":" + value))}. Holds no secret in clear, so a record is fine.
 *
 * @param owner the party that wrote it (the delegator)
 * @param delegatedTo the party it is for (the delegate)
 * @param key the encrypted value, hex
 */
public record Delegation(String owner, String delegatedTo, String key) {
    public Delegation {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegatedTo, "delegatedTo");
        Objects.requireNonNull(key, "key");
    }
}
