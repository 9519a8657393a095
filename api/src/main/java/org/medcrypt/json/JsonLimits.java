package org.medcrypt.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.Locale;

/**
 * The limits of every JSON reader of medcrypt: {@link MedcryptJson} (datasets, documents,
 * decrypted {@code encryptedSelf}) and the keyless audit ({@link org.medcrypt.agility.KeylessAudit}
 * takes its values from here). A dataset comes from a store, which may be hostile: each limit
 * bounds what one input can make a reader hold, far above what iCure writes (it keeps documents
 * in CouchDB, whose default {@code max_document_size} is 8,000,000 bytes; ids are 36-character
 * UUIDs; a document nests a few levels deep). Input over a limit is refused with a
 * {@link org.medcrypt.FormatException} whose message names the limit (exit code 3 in the CLI).
 */
public final class JsonLimits {

    /** Nesting depth of JSON arrays and objects, the outermost object included. */
    public static final int MAX_NESTING_DEPTH = 200;

    /** Characters of one JSON string: no string of a CouchDB document of the default maximum size is longer. */
    public static final int MAX_STRING_LENGTH = 8_000_000;

    /** Characters of one JSON number (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1_000;

    /** Characters of one JSON key (an RSA-16384 public key in hex, a key of aesExchangeKeys, has about 4,200). */
    public static final int MAX_NAME_LENGTH = 10_000;

    /**
     * Bytes of one document (an entity or a party, an item of a dataset's arrays, or a
     * {@code create --json} object): twice CouchDB's default max_document_size, room for a
     * document written with indentation.
     */
    public static final long MAX_DOCUMENT_BYTES = 16_000_000;

    /**
     * Bytes of a dataset read whole (by {@link Dataset} and the CLI's commands, which hold it in
     * memory as a tree of several times its size). The keyless audit streams and has no such cap.
     */
    public static final long MAX_DATASET_BYTES = 512_000_000;

    private JsonLimits() {
    }

    /** Jackson's stream limits with the values above (the whole input at most {@code maxInputBytes}). */
    public static StreamReadConstraints streamReadConstraints(long maxInputBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(maxInputBytes)
                .build();
    }

    /**
     * What a message from Jackson's {@code StreamConstraintsException} says, in medcrypt's terms:
     * the limit gone over, by name and value. Jackson's own message may come without a location
     * and names Jackson's getters; this one names {@code JsonLimits.MAX_…}.
     */
    static String describe(String jacksonMessage) {
        String message = String.valueOf(jacksonMessage);
        if (message.contains("getMaxNestingDepth")) {
            return limit("arrays and objects nested more than %,d deep", MAX_NESTING_DEPTH, "MAX_NESTING_DEPTH");
        }
        if (message.contains("getMaxStringLength")) {
            return limit("a JSON string of more than %,d characters", MAX_STRING_LENGTH, "MAX_STRING_LENGTH");
        }
        if (message.contains("getMaxNumberLength")) {
            return limit("a JSON number of more than %,d characters", MAX_NUMBER_LENGTH, "MAX_NUMBER_LENGTH");
        }
        if (message.contains("getMaxNameLength")) {
            return limit("a JSON key of more than %,d characters", MAX_NAME_LENGTH, "MAX_NAME_LENGTH");
        }
        if (message.contains("getMaxDocumentLength")) {
            return limit("more than %,d bytes", MAX_DATASET_BYTES, "MAX_DATASET_BYTES");
        }
        return "a limit of the JSON reader";
    }

    static String limit(String what, long value, String name) {
        return String.format(Locale.ROOT, what, value) + " (limit JsonLimits." + name + ")";
    }
}
