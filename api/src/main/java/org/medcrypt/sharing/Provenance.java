package org.medcrypt.sharing;

/**
 * How the pair key that opened a value was vouched for, from strongest to weakest. A reader that
 * needs to rely on who wrote a value pins the writers' signing keys, or asks for
 * {@link DelegationService.Builder#requirePinnedSigningKeys(boolean) pinned keys only}.
 */
public enum Provenance {
    /** A pair key of this reader's own, signed with its own signing key. */
    OWN,
    /** Signed by its owner, checked with the signing key the caller pinned for that owner. */
    PINNED,
    /**
     * Signed by its owner, checked with the signing key the owner's document publishes. That
     * document comes from the store: a store that invents a party, or replaces a party's document,
     * can produce such keys.
     */
    PUBLISHED,
    /** A v1 pair key with no signature (iCure's SDK makes them): as authentic as the store is honest. */
    UNSIGNED
}
