package org.medcrypt.internal.format;

import java.util.List;
import java.util.Optional;
import org.medcrypt.internal.keys.ContentKey;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyCandidate;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Suite;

/**
 * One wire format (suite): how its pair keys are wrapped, signed, stored and found; how its small
 * keys (content key, secret id, parent id) and {@code encryptedSelf} are encrypted; and how its
 * entity keys are generated. Adding a suite is one new implementation, listed in {@link WireFormats}.
 *
 * <p>Decryption methods return empty for anything that does not open (wrong key, modified,
 * truncated, moved from elsewhere): the caller turns "nothing opened" into the one generic
 * {@link org.medcrypt.DecryptionFailedException}.
 */
public interface WireFormat {

    Suite suite();

    /** {@code "v1"} or {@code "v2"}: how documents and the CLI name the suite. */
    String label();

    /** Whether {@code value} (a small key, an encryptedSelf, a wrapped key) is written in this format. */
    boolean recognises(String value);

    /** A new content key or secret id, as the string the small keys carry. */
    String newEntityKey();

    String encryptSmallKey(PairKey key, ValueRole role, ValueContext context, String value);

    /**
     * A small key of {@code role} decoded from its text, before any decryption, for trying one or
     * more pair keys on it; empty if it is not a well-formed small key of this format and role
     * (then no key opens it).
     */
    Optional<SealedValue> parseSmallKey(String value, ValueRole role);

    Optional<String> decryptSmallKey(PairKey key, ValueRole role, ValueContext context, SealedValue sealed);

    default Optional<String> decryptSmallKey(PairKey key, ValueRole role, ValueContext context, String value) {
        return parseSmallKey(value, role).flatMap(sealed -> decryptSmallKey(key, role, context, sealed));
    }

    /** The id of the pair key a value names (v2); empty when readers must try each key (v1). */
    Optional<String> pairKeyIdOf(String value);

    /** Encrypts the UTF-8 JSON of the encrypted fields; the caller wipes {@code json}. */
    String encryptContent(String contentKey, EntityType type, String entityId, byte[] json);

    /**
     * An {@code encryptedSelf} decoded from its text, before any decryption; empty if it is not
     * one of this format (v1: not base64; v2: not an envelope of the role, or too short to hold one).
     */
    Optional<SealedValue> parseContent(String value);

    /** The UTF-8 JSON, which the caller wipes; empty if {@code contentKey} does not open {@code sealed}. */
    default Optional<byte[]> decryptContent(String contentKey, EntityType type, String entityId, SealedValue sealed) {
        Optional<ContentKey> key = contentKey(contentKey, type, entityId, sealed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return decryptContent(key.get(), type, entityId, sealed);
        } finally {
            key.get().destroy();
        }
    }

    /**
     * {@code contentKey} made ready to open {@code sealed} (v1: imported; v2: derived for its salt,
     * the commitment checked), owned by the caller; empty if it is not a content key of this format
     * or, for v2, not the one {@code sealed} is committed to. Opens every value {@link
     * #contentBinding} gives the same bytes for.
     */
    Optional<ContentKey> contentKey(String contentKey, EntityType type, String entityId, SealedValue sealed);

    /**
     * What a {@link ContentKey} made for {@code sealed} depends on besides the content key and the
     * entity: nothing for v1, the salt and commitment for v2. Public data; a fresh copy.
     */
    byte[] contentBinding(SealedValue sealed);

    /** The UTF-8 JSON, which the caller wipes; empty if {@code key} does not open {@code sealed}. */
    Optional<byte[]> decryptContent(ContentKey key, EntityType type, String entityId, SealedValue sealed);

    /** The UTF-8 JSON, which the caller wipes; empty if {@code contentKey} does not open {@code value}. */
    default Optional<byte[]> decryptContent(String contentKey, EntityType type, String entityId, String value) {
        return parseContent(value).flatMap(sealed -> decryptContent(contentKey, type, entityId, sealed));
    }

    // ---------------------------------------------------------------- pair keys

    OaepParameters wrapping();

    /** The OAEP label that binds a wrapped copy to its pair (empty for v1, as iCure has none). */
    byte[] wrappingLabel(String keyId, String owner, String delegate);

    String encodeWrapped(byte[] rsaCiphertext);

    /** The RSA ciphertext, or empty if {@code wrapped} is not a wrapped key of this format. */
    Optional<byte[]> decodeWrapped(String wrapped);

    /** Every copy of a pair key {@code owner → delegate} that {@code reader} may open, in the order to try. */
    List<PairKeyCandidate> candidates(HealthcareParty owner, String delegate, String reader);

    /**
     * The owner's document with a new signed pair key stored, for sharing with {@code delegate}.
     *
     * @param ownerSpkiHex the owner's current public key
     * @param entry the new key's wrapped copies and signature
     */
    HealthcareParty withPairKey(HealthcareParty owner, String delegate, String ownerSpkiHex, PairKeyEntry entry);
}
