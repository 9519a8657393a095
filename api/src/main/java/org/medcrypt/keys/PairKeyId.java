package org.medcrypt.keys;

import java.util.Objects;

/**
 * Names one pair key: the pair (owner → delegate) and the fingerprint of the owner's public key
 * under which it was created (a party that rotates its key pair can have several keys per pair).
 */
public record PairKeyId(String owner, String delegate, KeyFingerprint ownerKey) {
    public PairKeyId {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(ownerKey, "ownerKey");
    }
}
