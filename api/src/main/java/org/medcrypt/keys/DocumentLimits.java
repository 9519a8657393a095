package org.medcrypt.keys;

import java.util.Locale;
import org.medcrypt.FormatException;

/**
 * What medcrypt reads of one document when it decrypts or shares, at most: the bounds that keep a
 * store (or any writer of a document) from making a read cost unbounded RSA or AES work. A
 * document over one is refused with a {@link FormatException} that names the limit (the CLI's
 * exit code 3); nothing is read from the part over it.
 *
 * <p><b>RSA work per read.</b> A reader tries only the wrapped copies of a pair key that are
 * addressed to one of its own RSA keys (by fingerprint; iCure's {@code hcPartyKeys}, which carry
 * none, are tried with each of its keys), at most {@link #MAX_COPIES_PER_PAIR} per pair, under at
 * most {@link #MAX_OWNER_KEYS_PER_PAIR} owner keys. A copy that fails is remembered for the
 * document it came from and, across documents, in the {@link PairKeyCache} (bounded, least
 * recently used first), and a copy that opens is cached. So reading one entity costs at most
 * {@code delegators × MAX_COPIES_PER_PAIR × (the reader's RSA key pairs)} RSA operations the first
 * time, where {@code delegators} is the number of distinct parties whose values the entity holds
 * for the reader, whatever the documents hold; and none the next time while the cache holds them
 * (it holds {@link PairKeyCache#DEFAULT_CAPACITY} by default, so no read thrashes it unless one
 * entity has more than {@code DEFAULT_CAPACITY / MAX_COPIES_PER_PAIR} hostile delegators).
 *
 * <p>The numbers are generous for real data: a party has one pair key per delegate and suite,
 * re-wrapped once per key rotation, and iCure's entities list one small key per delegate and map.
 * The JSON and file-size limits of a whole dataset are the CLI's and {@code MedcryptJson}'s.
 */
public final class DocumentLimits {

    /**
     * Wrapped copies of one pair key (owner → delegate, one suite) that one reader may open, from
     * all of the owner's document ({@code medcryptPairKeys}, {@code aesExchangeKeys},
     * {@code hcPartyKeys}, displaced keys). Real data has one or two per key rotation.
     */
    public static final int MAX_COPIES_PER_PAIR = 64;

    /**
     * Distinct owner keys (the owner's RSA public keys, as {@code aesExchangeKeys} and the signed
     * entries name them) under which one reader's copies of one pair key are stored: one per key
     * rotation of the owner.
     */
    public static final int MAX_OWNER_KEYS_PER_PAIR = 16;

    /**
     * Small keys in one delegate's list of one delegation map of one entity: one per party that
     * shared the entity with it (and per secret id) in real data.
     */
    public static final int MAX_SMALL_KEYS_PER_DELEGATE = 1_000;

    /**
     * Small keys in one delegation map of one entity, all delegates together; the same number as
     * the keyless audit's {@code KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY}.
     */
    public static final int MAX_SMALL_KEYS_PER_MAP = 100_000;

    private DocumentLimits() {
    }

    /**
     * The one-line error for a document over {@code limit} (the name of one of the constants
     * above): {@code what} says which document holds how many of what; ids and counts only, never
     * a key.
     */
    public static FormatException overLimit(String what, long max, String limit) {
        return new FormatException(String.format(Locale.ROOT, "%s, over the limit of %,d (DocumentLimits.%s); medcrypt "
                + "reads none of them. Whoever can write the document likely filled it: restore it from a copy you "
                + "trust, or have its owner remove the extra entries", what, max, limit));
    }
}
