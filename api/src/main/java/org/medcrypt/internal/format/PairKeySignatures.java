package org.medcrypt.internal.format;

import java.util.Optional;
import org.medcrypt.internal.Bytes;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Suite;

/**
 * What an owner signs about a pair key it creates, and how the signature is written. The message
 * binds the suite, the key id, the owner and delegate ids, both RSA key fingerprints and both
 * wrapped copies: change any of them and the signature fails.
 */
public final class PairKeySignatures {

    private PairKeySignatures() {
    }

    public static byte[] message(String owner, String delegate, PairKeyEntry entry) {
        return Bytes.tagged("medcrypt pair key signature")
                .field(entry.suite())
                .field(entry.id())
                .field(owner)
                .field(delegate)
                .field(entry.ownerKey())
                .field(entry.delegateKey())
                .field(entry.forOwner())
                .field(entry.forDelegate())
                .toByteArray();
    }

    public static String encode(Suite suite, byte[] signature) {
        return V2Envelope.encode(V2Envelope.header(suite, ValueRole.PAIR_KEY_SIGNATURE), signature);
    }

    /**
     * What a party signs about its own RSA public key, so that a party sharing with it for the
     * first time can tell the key the party published from one the store put in its place.
     */
    public static byte[] publicKeyMessage(String partyId, String spkiHex) {
        return Bytes.tagged("medcrypt public key").field(partyId).field(spkiHex.toLowerCase(java.util.Locale.ROOT)).toByteArray();
    }

    public static String encodePublicKeySignature(byte[] signature) {
        return V2Envelope.encode(V2Envelope.header(Suite.V2_GCM_OAEP256, ValueRole.PUBLIC_KEY_SIGNATURE), signature);
    }

    public static Optional<byte[]> decodePublicKeySignature(String value) {
        return V2Envelope.body(value, Suite.V2_GCM_OAEP256, ValueRole.PUBLIC_KEY_SIGNATURE)
                .filter(bytes -> bytes.length == Ed25519.SIGNATURE_LENGTH);
    }

    /** The 64 signature bytes, or empty if {@code value} is not a signature of this suite. */
    public static Optional<byte[]> decode(Suite suite, String value) {
        return V2Envelope.body(value, suite, ValueRole.PAIR_KEY_SIGNATURE)
                .filter(bytes -> bytes.length == Ed25519.SIGNATURE_LENGTH);
    }

    /**
     * What a party's old signing key signs when the party rotates its keys: its id, the old and the
     * new signing public key. A reader that pinned the old key follows this to the new one.
     */
    public static byte[] signingKeyRotationMessage(String partyId, String previousHex, String nextHex) {
        return Bytes.tagged("medcrypt signing key rotation").field(partyId)
                .field(previousHex.toLowerCase(java.util.Locale.ROOT)).field(nextHex.toLowerCase(java.util.Locale.ROOT))
                .toByteArray();
    }

    public static String encodeSigningKeyRotation(byte[] signature) {
        return V2Envelope.encode(V2Envelope.header(Suite.V2_GCM_OAEP256, ValueRole.SIGNING_KEY_ROTATION), signature);
    }

    public static Optional<byte[]> decodeSigningKeyRotation(String value) {
        return V2Envelope.body(value, Suite.V2_GCM_OAEP256, ValueRole.SIGNING_KEY_ROTATION)
                .filter(bytes -> bytes.length == Ed25519.SIGNATURE_LENGTH);
    }
}
