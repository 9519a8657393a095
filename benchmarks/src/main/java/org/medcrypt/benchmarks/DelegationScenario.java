package org.medcrypt.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;

/**
 * The two operations opening a record repeats per entity, at the SPI level or raw, in each suite:
 * <ul>
 *   <li>{@link #unwrap()}: one small key with the pair key already parsed. v1: {@code IV ‖
 *       AES-256-CBC_{pair key}("1234:" + UUID)} (41 bytes of plaintext, 64 on the wire); v2:
 *       {@code nonce ‖ AES-256-GCM_{pair key}(64 hex digits) ‖ tag} (92 bytes) with the
 *       associated data of a contact's value ({@value #V2_AAD_LENGTH} bytes);</li>
 *   <li>{@link #contentDecrypt()}: one contact's {@code encryptedSelf} (the 132-byte JSON of
 *       {@link RecordScenario}) under a content key parsed for this entity. v1: import +
 *       AES-128-CBC; v2: HKDF-SHA-256 of the 32-byte content key to a GCM key and a commitment,
 *       commitment compare, import, AES-256-GCM with associated data.</li>
 * </ul>
 * The raw baseline does the same with a cached {@code Cipher} (and, for v2's HKDF, a cached
 * {@code Mac "HmacSHA256"} of the same library).
 */
public abstract class DelegationScenario {

    static final byte[] DELEGATION_PLAINTEXT =
            ("1234:" + new UUID(0x0123456789abcdefL, 0x0fedcba987654321L)).getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SECRET_ID = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);
    static final int V2_AAD_LENGTH = 65;
    private static final byte[] V2_HEADER_SMALL_KEY = {2, 2, 1};
    private static final byte[] V2_HEADER_ENCRYPTED_SELF = {2, 2, 4};

    final Suite suite;
    final byte[] pairKey = Data.bytes(32, 11);
    final byte[] contentKey;
    final byte[] contentPlaintext = RecordScenario.contactFieldsJson(0).getBytes(StandardCharsets.UTF_8);
    final byte[] smallKeyPlaintext;
    final byte[] smallKeyAad;
    final byte[] salt = Data.bytes(32, 14);
    final byte[] info = Data.tagged("medcrypt v2 encryptedSelf", "CONTACT", "c0");

    DelegationScenario(Suite suite) {
        this.suite = suite;
        this.contentKey = Data.bytes(suite == Suite.V1_ICURE ? 16 : 32, 12);
        this.smallKeyPlaintext = suite == Suite.V1_ICURE ? DELEGATION_PLAINTEXT : V2_SECRET_ID;
        this.smallKeyAad = Data.tagged("medcrypt v2 value", Data.concat(V2_HEADER_SMALL_KEY, Data.bytes(16, 15)),
                "CONTACT", "c0", "D1", "R");
        if (smallKeyAad.length != V2_AAD_LENGTH) {
            throw new IllegalStateException("associated data is " + smallKeyAad.length + " bytes");
        }
    }

    public static DelegationScenario create(String impl, Suite suite) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new Raw(Impls.rawLibrary(impl), suite) : new Spi(Impls.provider(impl), suite);
    }

    abstract byte[] unwrap() throws GeneralSecurityException;

    abstract byte[] contentDecrypt() throws GeneralSecurityException;

    /** v2's associated data of {@code encryptedSelf}, which binds the salt and the commitment. */
    static byte[] contentAad(byte[] salt, byte[] commitment) {
        byte[] raw = Data.concat(V2_HEADER_ENCRYPTED_SELF, Data.concat(salt, commitment));
        return Data.tagged("medcrypt v2 value", raw, "CONTACT", "c0");
    }

    public void verify() throws GeneralSecurityException {
        if (!Arrays.equals(unwrap(), smallKeyPlaintext) || !Arrays.equals(contentDecrypt(), contentPlaintext)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": decryption does not match");
        }
    }

    static final class Spi extends DelegationScenario {
        private final CryptoProvider provider;
        private final AesKey key;
        private final byte[] smallKey;
        private final byte[] commitment;
        private final byte[] content;

        Spi(CryptoProvider provider, Suite suite) throws GeneralSecurityException {
            super(suite);
            this.provider = provider;
            this.key = provider.aesKeys().importKey(pairKey);
            if (suite == Suite.V1_ICURE) {
                this.smallKey = provider.aesCbc().encrypt(key, smallKeyPlaintext);
                AesKey k = provider.aesKeys().importKey(contentKey);
                this.content = provider.aesCbc().encrypt(k, contentPlaintext);
                this.commitment = null;
            } else {
                this.smallKey = provider.aesGcm().encrypt(key, smallKeyPlaintext, smallKeyAad);
                byte[] okm = provider.hkdf().sha256(contentKey, salt, info, 64);
                AesKey k = provider.aesKeys().importKey(Arrays.copyOf(okm, 32));
                this.commitment = Arrays.copyOfRange(okm, 32, 64);
                this.content = provider.aesGcm().encrypt(k, contentPlaintext, contentAad(salt, commitment));
            }
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return suite == Suite.V1_ICURE ? provider.aesCbc().decrypt(key, smallKey)
                    : provider.aesGcm().decrypt(key, smallKey, smallKeyAad);
        }

        @Override
        byte[] contentDecrypt() throws GeneralSecurityException {
            if (suite == Suite.V1_ICURE) {
                AesKey k = provider.aesKeys().importKey(contentKey);
                try {
                    return provider.aesCbc().decrypt(k, content);
                } finally {
                    k.destroy();
                }
            }
            byte[] okm = provider.hkdf().sha256(contentKey, salt, info, 64);
            AesKey k = provider.aesKeys().importKey(Arrays.copyOf(okm, 32));
            try {
                if (!MessageDigest.isEqual(Arrays.copyOfRange(okm, 32, 64), commitment)) {
                    throw new GeneralSecurityException("commitment");
                }
                return provider.aesGcm().decrypt(k, content, contentAad(salt, commitment));
            } finally {
                k.destroy();
                Arrays.fill(okm, (byte) 0);
            }
        }
    }

    static final class Raw extends DelegationScenario {
        private final Cipher cipher;
        private final Mac mac;
        private final SecretKeySpec key;
        private final byte[] smallKey;
        private final byte[] commitment;
        private final byte[] content;

        Raw(String library, Suite suite) throws GeneralSecurityException {
            super(suite);
            AesMode mode = suite == Suite.V1_ICURE ? AesMode.CBC : AesMode.GCM;
            this.cipher = Cipher.getInstance(mode.transformation(), RawJceScenario.cipherProvider(library));
            this.mac = Mac.getInstance("HmacSHA256", RawJceScenario.cipherProvider(library));
            this.key = new SecretKeySpec(pairKey, "AES");
            Cipher c = Cipher.getInstance(mode.transformation());
            byte[] iv = Data.bytes(mode.ivLength(), 13);
            c.init(Cipher.ENCRYPT_MODE, key, mode.parameters(iv, 0));
            if (suite == Suite.V1_ICURE) {
                this.smallKey = Data.concat(iv, c.doFinal(smallKeyPlaintext));
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new IvParameterSpec(iv));
                this.content = Data.concat(iv, c.doFinal(contentPlaintext));
                this.commitment = null;
            } else {
                c.updateAAD(smallKeyAad);
                this.smallKey = Data.concat(iv, c.doFinal(smallKeyPlaintext));
                byte[] okm = hkdf();
                this.commitment = Arrays.copyOfRange(okm, 32, 64);
                Cipher g = Cipher.getInstance(mode.transformation());
                g.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(okm, 0, 32, "AES"), mode.parameters(iv, 0));
                g.updateAAD(contentAad(salt, commitment));
                this.content = Data.concat(iv, g.doFinal(contentPlaintext));
            }
        }

        /** HKDF-SHA-256 to 64 bytes: extract, then two expand blocks. */
        private byte[] hkdf() throws GeneralSecurityException {
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(contentKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            byte[] t1 = mac.doFinal();
            mac.update(t1);
            mac.update(info);
            mac.update((byte) 2);
            return Data.concat(t1, mac.doFinal());
        }

        private byte[] open(SecretKeySpec k, byte[] ivAndCiphertext, byte[] aad) throws GeneralSecurityException {
            AesMode mode = suite == Suite.V1_ICURE ? AesMode.CBC : AesMode.GCM;
            cipher.init(Cipher.DECRYPT_MODE, k, mode.parameters(ivAndCiphertext, 0));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(ivAndCiphertext, mode.ivLength(), ivAndCiphertext.length - mode.ivLength());
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return open(key, smallKey, suite == Suite.V1_ICURE ? null : smallKeyAad);
        }

        /** The key is made per call, as medcrypt imports (v2: derives) each entity's content key. */
        @Override
        byte[] contentDecrypt() throws GeneralSecurityException {
            if (suite == Suite.V1_ICURE) {
                return open(new SecretKeySpec(contentKey, "AES"), content, null);
            }
            byte[] okm = hkdf();
            if (!MessageDigest.isEqual(Arrays.copyOfRange(okm, 32, 64), commitment)) {
                throw new GeneralSecurityException("commitment");
            }
            return open(new SecretKeySpec(okm, 0, 32, "AES"), content, contentAad(salt, commitment));
        }
    }
}
