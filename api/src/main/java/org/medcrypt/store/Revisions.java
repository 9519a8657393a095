package org.medcrypt.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The revision tokens {@link EntityStore}s give documents, in CouchDB's shape:
 * {@code <generation>-<32 hex digits>}, e.g. {@code 3-9f0c…}. The generation counts the saves
 * (one more than the document it replaces); the random part makes two saves of the same
 * generation differ, so that two writers who both started from generation 2 never both hold
 * "3". A token is compared as an opaque string: the generation is informative only.
 *
 * <p>Stores are encouraged to use {@link #next} so that every store numbers revisions alike.
 */
public final class Revisions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Revisions() {
    }

    /**
     * A new revision for a document being saved: generation one more than that of the stored
     * document's revision, or, when nothing with a revision is stored, than that of the revision
     * the saved document carries (a document imported with {@code "rev": "7-…"} continues at 8),
     * or 1.
     *
     * @param stored the revision of the document the save replaces, if any
     * @param submitted the revision the document being saved carries, if any
     */
    public static String next(Optional<String> stored, Optional<String> submitted) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(submitted, "submitted");
        long previous = stored.or(() -> submitted).map(Revisions::generation).orElse(0L);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return (previous == Long.MAX_VALUE ? previous : previous + 1) + "-" + HEX.formatHex(random);
    }

    /**
     * The generation of a revision: the decimal number before its first {@code -}; 0 when there
     * is none (a revision from elsewhere, in another shape).
     */
    public static long generation(String rev) {
        Objects.requireNonNull(rev, "rev");
        int dash = rev.indexOf('-');
        if (dash <= 0 || dash > 18) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < dash; i++) {
            char c = rev.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
