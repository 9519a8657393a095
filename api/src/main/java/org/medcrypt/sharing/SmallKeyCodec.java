package org.medcrypt.sharing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.keys.PairKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * Encrypts and decrypts one small key of a delegation map: {@code hex(IV ‖ AES-CBC_{pair key}(
 * UTF-8(entityId + ":" + value)))}. Decryption checks the {@code entityId:} prefix, which is what
 * stops a delegation copied from another entity from being accepted.
 */
final class SmallKeyCodec {

    private final CryptoProvider provider;

    SmallKeyCodec(CryptoProvider provider) {
        this.provider = provider;
    }

    String encrypt(PairKey key, String entityId, String value) {
        byte[] plaintext = (entityId + ":" + value).getBytes(StandardCharsets.UTF_8);
        try {
            return Hex.encode(ProviderCalls.encrypting("delegation encryption",
                    () -> provider.aesCbc().encrypt(key.aesKey(), plaintext)));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The value, if {@code key} opens {@code ivAndCiphertext} and its prefix names
     * {@code entityId}; empty otherwise (wrong key, modified data, another entity's delegation).
     */
    Optional<String> decrypt(PairKey key, String entityId, byte[] ivAndCiphertext) {
        byte[] plaintext;
        try {
            plaintext = provider.aesCbc().decrypt(key.aesKey(), ivAndCiphertext);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            String text = decodeStrictly(plaintext);
            int colon = text.indexOf(':');
            if (colon < 0 || !text.substring(0, colon).equals(entityId) || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(text.substring(colon + 1));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Delegation plaintexts are ASCII (ids, UUIDs): a fast path for those, strict UTF-8 otherwise. */
    private static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

}
