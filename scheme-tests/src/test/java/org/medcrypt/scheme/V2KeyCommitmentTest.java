package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.internal.format.V2GcmFormat;
import org.medcrypt.model.EntityType;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.V2Reference;

/**
 * GCM is not key-committing: one ciphertext and tag can be made to authenticate under two keys
 * (the "invisible salamanders" construction: solve one ciphertext block of a linear equation in
 * GF(2^128)). This test builds such a ciphertext for two content keys, shows that the provider's
 * raw AES-GCM accepts it under both, and that medcrypt's v2 {@code encryptedSelf}, whose header
 * commits to one content key, opens it under the first and refuses it under the second.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class V2KeyCommitmentTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger R = new BigInteger("e1", 16).shiftLeft(120);
    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    @Parameter
    String providerId;

    @Test
    void aCiphertextValidUnderTwoContentKeysOpensOnlyUnderTheCommittedOne() throws Exception {
        CryptoProvider provider = TestParties.provider(providerId);
        String contentKey1 = "11".repeat(32);
        String contentKey2 = "22".repeat(32);
        byte[] salt = HEX.parseHex("ab".repeat(32));
        byte[] nonce = HEX.parseHex("cd".repeat(12));
        String type = EntityType.PATIENT.name();
        String id = "1234";

        // what medcrypt derives from each content key (computed from the document, with plain JCA)
        byte[] info = info(type, id);
        byte[] okm1 = V2Reference.hkdfSha256(HEX.parseHex(contentKey1), salt, info, 64);
        byte[] okm2 = V2Reference.hkdfSha256(HEX.parseHex(contentKey2), salt, info, 64);
        byte[] k1 = Arrays.copyOf(okm1, 32);
        byte[] k2 = Arrays.copyOf(okm2, 32);
        byte[] commitment1 = Arrays.copyOfRange(okm1, 32, 64);
        byte[] header = {2, 2, 4};
        byte[] aad = aad(header, salt, commitment1, type, id);

        // the attack: 4 ciphertext blocks, the third solved so that both keys give the same tag
        byte[] ciphertextAndTag = collidingCiphertext(k1, k2, nonce, aad, 4, 2);

        // raw GCM (the provider under test) accepts it under both keys, with two different plaintexts
        AesKey key1 = provider.aesKeys().importKey(k1);
        AesKey key2 = provider.aesKeys().importKey(k2);
        byte[] plaintext1 = provider.aesGcm().decryptWithNonce(key1, nonce, ciphertextAndTag, aad);
        byte[] plaintext2 = provider.aesGcm().decryptWithNonce(key2, nonce, ciphertextAndTag, aad);
        assertThat(plaintext1).isNotEqualTo(plaintext2);

        // medcrypt: the envelope commits to content key 1
        String encryptedSelf = "mc2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                concat(header, salt, commitment1, nonce, ciphertextAndTag));
        V2GcmFormat format = new V2GcmFormat(provider);
        assertThat(format.decryptContent(contentKey1, EntityType.PATIENT, id, encryptedSelf)).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(plaintext1));
        assertThat(format.decryptContent(contentKey2, EntityType.PATIENT, id, encryptedSelf)).isEmpty();
    }

    // ---------------------------------------------------------------- the construction

    /**
     * A GCM ciphertext of {@code blocks} blocks plus a tag valid under both keys, with the same
     * nonce and associated data: block {@code free} is solved for, the others are arbitrary.
     */
    static byte[] collidingCiphertext(byte[] k1, byte[] k2, byte[] nonce, byte[] aad, int blocks, int free) throws Exception {
        BigInteger h1 = block(aesEcb(k1, new byte[16]));
        BigInteger h2 = block(aesEcb(k2, new byte[16]));
        byte[] j0 = Arrays.copyOf(nonce, 16);
        j0[15] = 1;
        BigInteger s1 = block(aesEcb(k1, j0));
        BigInteger s2 = block(aesEcb(k2, j0));

        byte[] ciphertext = new byte[16 * blocks];
        Arrays.fill(ciphertext, (byte) 0x5a);
        // the GHASH input blocks: aad (padded), ciphertext, lengths
        int aadBlocks = (aad.length + 15) / 16;
        int total = aadBlocks + blocks + 1;
        int freeIndex = aadBlocks + free; // 0-based position of the free block in the GHASH input
        // GHASH_H = sum over i of X_i * H^(total - i), i from 0
        BigInteger rhs = s1.xor(s2);
        for (int i = 0; i < total; i++) {
            if (i == freeIndex) {
                continue;
            }
            BigInteger x = ghashBlock(aad, ciphertext, aadBlocks, blocks, i);
            rhs = rhs.xor(multiply(x, power(h1, total - i).xor(power(h2, total - i))));
        }
        BigInteger coefficient = power(h1, total - freeIndex).xor(power(h2, total - freeIndex));
        BigInteger solved = multiply(rhs, inverse(coefficient));
        System.arraycopy(bytes(solved), 0, ciphertext, 16 * free, 16);

        BigInteger tag = ghash(h1, aad, ciphertext).xor(s1);
        assertThat(ghash(h2, aad, ciphertext).xor(s2)).as("the tag is the same under both keys").isEqualTo(tag);
        return concat(ciphertext, bytes(tag));
    }

    private static BigInteger ghash(BigInteger h, byte[] aad, byte[] ciphertext) {
        int aadBlocks = (aad.length + 15) / 16;
        int blocks = ciphertext.length / 16;
        BigInteger y = BigInteger.ZERO;
        for (int i = 0; i < aadBlocks + blocks + 1; i++) {
            y = multiply(y.xor(ghashBlock(aad, ciphertext, aadBlocks, blocks, i)), h);
        }
        return y;
    }

    private static BigInteger ghashBlock(byte[] aad, byte[] ciphertext, int aadBlocks, int blocks, int i) {
        byte[] block = new byte[16];
        if (i < aadBlocks) {
            System.arraycopy(aad, 16 * i, block, 0, Math.min(16, aad.length - 16 * i));
        } else if (i < aadBlocks + blocks) {
            System.arraycopy(ciphertext, 16 * (i - aadBlocks), block, 0, 16);
        } else {
            long aadBits = 8L * aad.length;
            long ciphertextBits = 8L * ciphertext.length;
            for (int b = 0; b < 8; b++) {
                block[7 - b] = (byte) (aadBits >>> (8 * b));
                block[15 - b] = (byte) (ciphertextBits >>> (8 * b));
            }
        }
        return block(block);
    }

    /** Multiplication in GF(2^128) with GCM's bit order (NIST SP 800-38D, algorithm 1). */
    static BigInteger multiply(BigInteger x, BigInteger y) {
        BigInteger z = BigInteger.ZERO;
        BigInteger v = y;
        for (int i = 127; i >= 0; i--) {
            if (x.testBit(i)) {
                z = z.xor(v);
            }
            v = v.testBit(0) ? v.shiftRight(1).xor(R) : v.shiftRight(1);
        }
        return z.and(MASK);
    }

    static BigInteger power(BigInteger x, int exponent) {
        BigInteger result = BigInteger.ONE.shiftLeft(127); // the field's 1 in GCM's bit order
        for (int i = 0; i < exponent; i++) {
            result = multiply(result, x);
        }
        return result;
    }

    /** x^(2^128 - 2) = x^-1. */
    static BigInteger inverse(BigInteger x) {
        BigInteger result = BigInteger.ONE.shiftLeft(127);
        BigInteger square = x;
        BigInteger exponent = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.TWO);
        for (int i = 0; i < 128; i++) {
            if (exponent.testBit(i)) {
                result = multiply(result, square);
            }
            square = multiply(square, square);
        }
        return result;
    }

    private static BigInteger block(byte[] sixteen) {
        return new BigInteger(1, sixteen);
    }

    private static byte[] bytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[16];
        int length = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - length, out, 16 - length, length);
        return out;
    }

    private static byte[] aesEcb(byte[] key, byte[] block) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(block);
    }

    private static byte[] info(String type, String id) {
        ByteArrayOutputStream out = tagged("medcrypt v2 encryptedSelf");
        field(out, type);
        field(out, id);
        return out.toByteArray();
    }

    private static byte[] aad(byte[] header, byte[] salt, byte[] commitment, String type, String id) {
        ByteArrayOutputStream out = tagged("medcrypt v2 value");
        out.writeBytes(header);
        out.writeBytes(salt);
        out.writeBytes(commitment);
        field(out, type);
        field(out, id);
        return out.toByteArray();
    }

    private static ByteArrayOutputStream tagged(String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return out;
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
