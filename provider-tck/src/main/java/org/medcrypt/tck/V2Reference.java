package org.medcrypt.tck;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * medcrypt's v2 values computed with plain JCA calls, written from {@code docs/v2-format.md} and
 * not from medcrypt's code, with caller-chosen nonces and salts so that the document's worked
 * example can be checked byte for byte. Test code only: a fixed nonce is never safe in real use.
 */
public final class V2Reference {

    static final HexFormat HEX = HexFormat.of();

    private V2Reference() {
    }

    /** {@code ASCII(tag) ‖ 0x00}. */
    static ByteArrayOutputStream tagged(String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return out;
    }

    /** A 4-byte big-endian length, then the UTF-8 bytes. */
    static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    static String envelope(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return "mc2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** A small key: {@code header ‖ keyId ‖ nonce ‖ GCM(plaintext, aad)}. */
    public static String smallKey(byte[] pairKey, int role, byte[] keyId, byte[] nonce, String entityType,
            String entityId, String owner, String delegate, String plaintext) throws Exception {
        byte[] header = {2, 2, (byte) role};
        ByteArrayOutputStream aad = tagged("medcrypt v2 value");
        aad.writeBytes(header);
        aad.writeBytes(keyId);
        field(aad, entityType);
        field(aad, entityId);
        field(aad, owner);
        field(aad, delegate);
        byte[] sealed = gcm(pairKey, nonce, plaintext.getBytes(StandardCharsets.UTF_8), aad.toByteArray());
        return envelope(header, keyId, nonce, sealed);
    }

    /** {@code encryptedSelf}: {@code header ‖ salt ‖ commitment ‖ nonce ‖ GCM_{derived}(json, aad)}. */
    public static String encryptedSelf(byte[] contentKey, byte[] salt, byte[] nonce, String entityType, String entityId,
            String json) throws Exception {
        byte[] header = {2, 2, 4};
        ByteArrayOutputStream info = tagged("medcrypt v2 encryptedSelf");
        field(info, entityType);
        field(info, entityId);
        byte[] okm = hkdfSha256(contentKey, salt, info.toByteArray(), 64);
        byte[] key = Arrays.copyOf(okm, 32);
        byte[] commitment = Arrays.copyOfRange(okm, 32, 64);
        ByteArrayOutputStream aad = tagged("medcrypt v2 value");
        aad.writeBytes(header);
        aad.writeBytes(salt);
        aad.writeBytes(commitment);
        field(aad, entityType);
        field(aad, entityId);
        byte[] sealed = gcm(key, nonce, json.getBytes(StandardCharsets.UTF_8), aad.toByteArray());
        return envelope(header, salt, commitment, nonce, sealed);
    }

    /** The OAEP label of a v2 wrapped pair key. */
    public static byte[] wrappingLabel(String keyId, String owner, String delegate) {
        ByteArrayOutputStream label = tagged("medcrypt v2 pair key");
        field(label, keyId);
        field(label, owner);
        field(label, delegate);
        return label.toByteArray();
    }

    /** RFC 5869 with HMAC-SHA-256. */
    public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        ByteArrayOutputStream okm = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        for (int counter = 1; okm.size() < length; counter++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) counter);
            previous = mac.doFinal();
            okm.writeBytes(previous);
        }
        return Arrays.copyOf(okm.toByteArray(), length);
    }

    static byte[] gcm(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(plaintext);
    }

    /** The inputs of the document's worked example. */
    public static final class Example {
        public static final byte[] PAIR_KEY_AB = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        public static final byte[] KEY_ID = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        public static final byte[] NONCE_1 = HEX.parseHex("b0b1b2b3b4b5b6b7b8b9babb");
        public static final byte[] NONCE_2 = HEX.parseHex("c0c1c2c3c4c5c6c7c8c9cacb");
        public static final String SECRET_ID = "5ec7e71d5ec7e71d5ec7e71d5ec7e71d5ec7e71d5ec7e71d5ec7e71d5ec7e71d";
        public static final String CONTENT_KEY = "c0a7e47c0a7e47c0a7e47c0a7e47c0a7e47c0a7e47c0a7e47c0a7e47c0a7e47c";
        public static final byte[] SALT = HEX.parseHex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef");
        public static final String JSON = "{\"note\":\"Allergic to penicillin\"}";

        private Example() {
        }

        public static String delegationForB() throws Exception {
            return smallKey(PAIR_KEY_AB, 1, KEY_ID, NONCE_1, "PATIENT", "1234", "A", "B", SECRET_ID);
        }

        public static String encryptionKeyForB() throws Exception {
            return smallKey(PAIR_KEY_AB, 2, KEY_ID, NONCE_2, "PATIENT", "1234", "A", "B", CONTENT_KEY);
        }

        public static String encryptedSelf() throws Exception {
            return V2Reference.encryptedSelf(HEX.parseHex(CONTENT_KEY), SALT, NONCE_1, "PATIENT", "1234", JSON);
        }
    }

    /** Prints the worked example, for the document. */
    public static void main(String[] args) throws Exception {
        System.out.println("delegations[B][0].key = " + Example.delegationForB());
        System.out.println("encryptionKeys[B][0].key = " + Example.encryptionKeyForB());
        System.out.println("encryptedSelf = " + Example.encryptedSelf());
        System.out.println("keyId = " + Base64.getUrlEncoder().withoutPadding().encodeToString(Example.KEY_ID));
    }
}
