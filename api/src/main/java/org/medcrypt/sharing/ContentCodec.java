package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.medcrypt.FormatException;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * {@code encryptedSelf}: standard base64 of {@code IV ‖ AES-CBC_{content key}(UTF-8(JSON))}. The
 * content key is the entity key string: a UUID's 32 hex digits (AES-128), or a 32- or 64-hex-digit
 * string (AES-128 or AES-256).
 */
final class ContentCodec {

    private final CryptoProvider provider;

    ContentCodec(CryptoProvider provider) {
        this.provider = provider;
    }

    String encrypt(String contentKey, ObjectNode fields) {
        AesKey key = importKey(contentKey);
        byte[] json = MedcryptJson.toBytes(fields);
        try {
            return Base64.getEncoder().encodeToString(ProviderCalls.encrypting("encryptedSelf encryption",
                    () -> provider.aesCbc().encrypt(key, json)));
        } finally {
            Arrays.fill(json, (byte) 0);
            key.destroy();
        }
    }

    /** The decrypted fields, or empty if {@code contentKey} does not open {@code ivAndCiphertext}. */
    Optional<ObjectNode> decrypt(String contentKey, byte[] ivAndCiphertext) {
        AesKey key;
        try {
            key = importKey(contentKey);
        } catch (RuntimeException e) {
            // a value of the wrong shape does not open the data; saying so apart would tell an
            // attacker who flips bits which characters of the key are hex
            return Optional.empty();
        }
        byte[] json = null;
        try {
            json = provider.aesCbc().decrypt(key, ivAndCiphertext);
            JsonNode node = MedcryptJson.reader().readTree(json);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (json != null) {
                Arrays.fill(json, (byte) 0);
            }
            key.destroy();
        }
    }

    static byte[] decodeBase64(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": encryptedSelf is not valid base64");
        }
    }

    private AesKey importKey(String contentKey) {
        String hex = contentKey.length() == 36 ? contentKey.replace("-", "") : contentKey;
        if ((hex.length() != 32 && hex.length() != 64) || !Hex.isHex(hex)) {
            throw new FormatException("a content key must be a UUID or a 32- or 64-hex-digit string");
        }
        byte[] raw = Hex.decode(hex, "content key");
        try {
            return ProviderCalls.importingKey("content key", () -> provider.aesKeys().importKey(raw));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
