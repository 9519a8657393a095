package org.medcrypt.internal.keys;

/** What a reader knows of where a pair key comes from. */
public enum PairKeyTrust {
    /** Its owner's signature verified (with the reader's own key material, a pin, or the owner's published key). */
    SIGNED,
    /** A v1 key with no signature, as iCure's SDK makes them: readable; shared under only if the caller trusts it. */
    UNSIGNED,
    /** Its signature does not verify, or a v2 key has none: never used. */
    REJECTED
}
