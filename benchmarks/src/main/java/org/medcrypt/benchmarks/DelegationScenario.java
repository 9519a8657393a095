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
 *       {@link RecordScenario}) under its content key. v1: import + AES-128-CBC; v2: HKDF-SHA-256
 *       of the 32-byte content key to a GCM key and a commitment, commitment compare, import,
 *       AES-256-GCM with associated data. Each call takes the next of {@value #CONTACTS} contacts,
 *       each with its own key, as a record is: a cipher that keeps the key schedule of the last
 *       key (the JDK's does) would otherwise skip the key expansion every real entity costs.</li>
 * </ul>
 * The raw baseline does the same with a cached {@code Cipher} (and, for v2's HKDF, a cached
 * {@code Mac "HmacSHA256"} of the same library).
 */
public abstract class DelegationScenario {

    static final byte[] DELEGATION_PLAINTEXT =
            ("1234:" + new UUID(0x0123456789abcdefL, 0x0fedcba987654321L)).getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SECRET_ID = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);
    static final int V2_AAD_LENGTH = 65;
    static final int CONTACTS = 8;
    private static final byte[] V2_HEADER_SMALL_KEY = {2, 2, 1};
    private static final byte[] V2_HEADER_ENCRYPTED_SELF = {2, 2, 4};

    final Suite suite;
    final byte[] pairKey = Data.bytes(32, 11);
    final byte[] contentPlaintext = RecordScenario.contactFieldsJson(0).getBytes(StandardCharsets.UTF_8);
    final byte[] smallKeyPlaintext;
    final byte[] smallKeyAad;
    final byte[][] contentKeys = new byte[CONTACTS][];
    final byte[][] salts = new byte[CONTACTS][];
    final byte[][] infos = new byte[CONTACTS][];
    final byte[][] commitments = new byte[CONTACTS][];
    final byte[][] contents = new byte[CONTACTS][];
    private int next;

    DelegationScenario(Suite suite) {
        this.suite = suite;
        this.smallKeyPlaintext = suite == Suite.V1_ICURE ? DELEGATION_PLAINTEXT : V2_SECRET_ID;
        this.smallKeyAad = Data.tagged("medcrypt v2 value", Data.concat(V2_HEADER_SMALL_KEY, Data.bytes(16, 15)),
                "CONTACT", "c0", "D1", "R");
        if (smallKeyAad.length != V2_AAD_LENGTH) {
            throw new IllegalStateException("associated data is " + smallKeyAad.length + " bytes");
        }
        for (int i = 0; i < CONTACTS; i++) {
            contentKeys[i] = Data.bytes(suite == Suite.V1_ICURE ? 16 : 32, 1200 + i);
            salts[i] = Data.bytes(32, 1400 + i);
            infos[i] = Data.tagged("medcrypt v2 encryptedSelf", "CONTACT", "c" + i);
        }
    }

    public static DelegationScenario create(String impl, Suite suite) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new Raw(Impls.rawLibrary(impl), suite) : new Spi(Impls.provider(impl), suite);
    }

    abstract byte[] unwrap() throws GeneralSecurityException;

    /** Decrypts the next contact's {@code encryptedSelf}. */
    final byte[] contentDecrypt() throws GeneralSecurityException {
        int i = next;
        next = (i + 1) % CONTACTS;
        return contentDecrypt(i);
    }

    abstract byte[] contentDecrypt(int contact) throws GeneralSecurityException;

    /** v2's associated data of {@code encryptedSelf}, which binds the salt and the commitment. */
    static byte[] contentAad(int contact, byte[] salt, byte[] commitment) {
        byte[] raw = Data.concat(V2_HEADER_ENCRYPTED_SELF, Data.concat(salt, commitment));
        return Data.tagged("medcrypt v2 value", raw, "CONTACT", "c" + contact);
    }

    public void verify() throws GeneralSecurityException {
        if (!Arrays.equals(unwrap(), smallKeyPlaintext)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": decryption does not match");
        }
        for (int i = 0; i < CONTACTS; i++) {
            if (!Arrays.equals(contentDecrypt(), contentPlaintext)) {
                throw new IllegalStateException(getClass().getSimpleName() + ": decryption does not match");
            }
        }
    }

    static final class Spi extends DelegationScenario {
        private final CryptoProvider provider;
        private final AesKey key;
        private final byte[] smallKey;

        Spi(CryptoProvider provider, Suite suite) throws GeneralSecurityException {
            super(suite);
            this.provider = provider;
            this.key = provider.aesKeys().importKey(pairKey);
            if (suite == Suite.V1_ICURE) {
                this.smallKey = provider.aesCbc().encrypt(key, smallKeyPlaintext);
            } else {
                this.smallKey = provider.aesGcm().encrypt(key, smallKeyPlaintext, smallKeyAad);
            }
            for (int i = 0; i < CONTACTS; i++) {
                if (suite == Suite.V1_ICURE) {
                    contents[i] = provider.aesCbc().encrypt(provider.aesKeys().importKey(contentKeys[i]), contentPlaintext);
                } else {
                    byte[] okm = provider.hkdf().sha256(contentKeys[i], salts[i], infos[i], 64);
                    commitments[i] = Arrays.copyOfRange(okm, 32, 64);
                    contents[i] = provider.aesGcm().encrypt(provider.aesKeys().importKey(Arrays.copyOf(okm, 32)),
                            contentPlaintext, contentAad(i, salts[i], commitments[i]));
                }
            }
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return suite == Suite.V1_ICURE ? provider.aesCbc().decrypt(key, smallKey)
                    : provider.aesGcm().decrypt(key, smallKey, smallKeyAad);
        }

        @Override
        byte[] contentDecrypt(int i) throws GeneralSecurityException {
            if (suite == Suite.V1_ICURE) {
                AesKey k = provider.aesKeys().importKey(contentKeys[i]);
                try {
                    return provider.aesCbc().decrypt(k, contents[i]);
                } finally {
                    k.destroy();
                }
            }
            byte[] okm = provider.hkdf().sha256(contentKeys[i], salts[i], infos[i], 64);
            AesKey k = provider.aesKeys().importKey(Arrays.copyOf(okm, 32));
            try {
                if (!MessageDigest.isEqual(Arrays.copyOfRange(okm, 32, 64), commitments[i])) {
                    throw new GeneralSecurityException("commitment");
                }
                return provider.aesGcm().decrypt(k, contents[i], contentAad(i, salts[i], commitments[i]));
            } finally {
                k.destroy();
                Arrays.fill(okm, (byte) 0);
            }
        }
    }

    static final class Raw extends DelegationScenario {
        private final AesMode mode;
        private final Cipher cipher;
        private final Mac mac;
        private final SecretKeySpec key;
        private final byte[] smallKey;

        Raw(String library, Suite suite) throws GeneralSecurityException {
            super(suite);
            this.mode = suite == Suite.V1_ICURE ? AesMode.CBC : AesMode.GCM;
            this.cipher = Cipher.getInstance(mode.transformation(), RawJceScenario.cipherProvider(library));
            this.mac = Mac.getInstance("HmacSHA256", RawJceScenario.cipherProvider(library));
            this.key = new SecretKeySpec(pairKey, "AES");
            byte[] iv = Data.bytes(mode.ivLength(), 13);
            Cipher c = Cipher.getInstance(mode.transformation());
            c.init(Cipher.ENCRYPT_MODE, key, mode.parameters(iv, 0));
            if (suite == Suite.V2_GCM_OAEP256) {
                c.updateAAD(smallKeyAad);
            }
            this.smallKey = Data.concat(iv, c.doFinal(smallKeyPlaintext));
            for (int i = 0; i < CONTACTS; i++) {
                Cipher e = Cipher.getInstance(mode.transformation());
                if (suite == Suite.V1_ICURE) {
                    e.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKeys[i], "AES"), new IvParameterSpec(iv));
                } else {
                    byte[] okm = hkdf(i);
                    commitments[i] = Arrays.copyOfRange(okm, 32, 64);
                    e.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(okm, 0, 32, "AES"), mode.parameters(iv, 0));
                    e.updateAAD(contentAad(i, salts[i], commitments[i]));
                }
                contents[i] = Data.concat(iv, e.doFinal(contentPlaintext));
            }
        }

        /** HKDF-SHA-256 to 64 bytes: extract, then two expand blocks. */
        private byte[] hkdf(int i) throws GeneralSecurityException {
            mac.init(new SecretKeySpec(salts[i], "HmacSHA256"));
            byte[] prk = mac.doFinal(contentKeys[i]);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(infos[i]);
            mac.update((byte) 1);
            byte[] t1 = mac.doFinal();
            mac.update(t1);
            mac.update(infos[i]);
            mac.update((byte) 2);
            return Data.concat(t1, mac.doFinal());
        }

        private byte[] open(SecretKeySpec k, byte[] ivAndCiphertext, byte[] aad) throws GeneralSecurityException {
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
        byte[] contentDecrypt(int i) throws GeneralSecurityException {
            if (suite == Suite.V1_ICURE) {
                return open(new SecretKeySpec(contentKeys[i], "AES"), contents[i], null);
            }
            byte[] okm = hkdf(i);
            if (!MessageDigest.isEqual(Arrays.copyOfRange(okm, 32, 64), commitments[i])) {
                throw new GeneralSecurityException("commitment");
            }
            return open(new SecretKeySpec(okm, 0, 32, "AES"), contents[i], contentAad(i, salts[i], commitments[i]));
        }
    }
}
