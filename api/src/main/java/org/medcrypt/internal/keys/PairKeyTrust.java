package org.medcrypt.internal.keys;

/** What a reader knows of where a pair key comes from. */
public enum PairKeyTrust {
    /** Signed by the reader itself, checked with its own signing key. */
    SIGNED_OWN,
    /** Signed by its owner, checked with the key the caller pinned for that owner. */
    SIGNED_PINNED,
    /** Signed by its owner, checked with the signing key the owner's (store-served) document publishes. */
    SIGNED_PUBLISHED,
    /** A v1 key with no signature, as iCure's SDK makes them: readable unless the policy is strict. */
    UNSIGNED,
    /** Its signature does not verify, a v2 key has none, a pinned owner's key has none, or the policy refuses it: never used. */
    REJECTED
}
