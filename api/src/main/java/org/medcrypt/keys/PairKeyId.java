package org.medcrypt.keys;

import java.util.Objects;

/**
 * Names one pair key: the pair (owner → delegate), the fingerprint of the owner's public key
 * under which it was created, and the wrapped copy it was unwrapped from. Keying on the wrapped
 * copy means a document that puts another key under the same fingerprint (a forged or rotated
 * entry) can never be answered with a cached key it does not hold.
 *
 * @param wrappedKey the hex RSA ciphertext this key was unwrapped from (not a secret)
 */
public record PairKeyId(String owner, String delegate, KeyFingerprint ownerKey, String wrappedKey) {
    public PairKeyId {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
    }

    @Override
    public String toString() {
        return "PairKeyId[" + owner + "→" + delegate + ", ownerKey=" + ownerKey + "]";
    }
}
