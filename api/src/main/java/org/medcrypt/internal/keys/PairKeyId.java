package org.medcrypt.internal.keys;

import java.util.Objects;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.spi.Suite;

/**
 * Names one pair key as a reader found it: its suite, the pair (owner → delegate), the owner's
 * key it was made under, and the wrapped copy it is unwrapped from. Keying the cache on the
 * wrapped copy means a document that puts another key in the same place (forged or rotated) can
 * never be answered with a cached key it does not hold.
 *
 * @param keyId the id v2 values name; empty for v1
 * @param wrappedCopy the RSA ciphertext as stored (not a secret)
 */
public record PairKeyId(Suite suite, String owner, String delegate, KeyFingerprint ownerKey, String keyId,
        String wrappedCopy) {
    public PairKeyId {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(wrappedCopy, "wrappedCopy");
    }

    // written out: every small key read looks a pair key up by its id, and a record's generated
    // equals and hashCode (a method-handle chain per component) cost more than the lookup itself

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PairKeyId id && suite == id.suite && wrappedCopy.equals(id.wrappedCopy)
                && keyId.equals(id.keyId) && owner.equals(id.owner) && delegate.equals(id.delegate)
                && ownerKey.value().equals(id.ownerKey.value());
    }

    @Override
    public int hashCode() {
        return ((wrappedCopy.hashCode() * 31 + keyId.hashCode()) * 31 + owner.hashCode()) * 31 + delegate.hashCode();
    }

    @Override
    public String toString() {
        return "PairKeyId[" + suite + " " + owner + "→" + delegate + ", ownerKey=" + ownerKey + "]";
    }
}
