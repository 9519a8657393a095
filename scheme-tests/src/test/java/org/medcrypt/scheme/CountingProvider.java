package org.medcrypt.scheme;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/**
 * A provider under test, wrapped to count the RSA private-key operations, AES key imports, HKDF
 * derivations and AES decryptions it is asked for: an independent count, beside the one medcrypt
 * keeps in its cache. Optionally with a random source the test chooses (to show what medcrypt
 * does when it repeats itself).
 */
final class CountingProvider implements CryptoProvider {

    private final CryptoProvider inner;
    private final SecureRandomSource random;
    private final AtomicLong rsaDecryptions = new AtomicLong();
    private final AtomicLong aesKeyImports = new AtomicLong();
    private final AtomicLong hkdfDerivations = new AtomicLong();
    private final AtomicLong aesDecryptions = new AtomicLong();
    /** Runs before each AES encryption (CBC or GCM): a test's way to act at that moment. */
    private volatile Runnable beforeAesEncryption = () -> { };

    CountingProvider(CryptoProvider inner) {
        this(inner, inner.random());
    }

    CountingProvider(CryptoProvider inner, SecureRandomSource random) {
        this.inner = inner;
        this.random = random;
    }

    /** RSA-OAEP decryptions (private-key operations) asked of the provider so far, failed ones included. */
    long rsaDecryptions() {
        return rsaDecryptions.get();
    }

    @Override public String id() { return inner.id(); }
    @Override public String version() { return inner.version(); }
    @Override public String library() { return inner.library(); }
    @Override public int priority() { return inner.priority(); }
    @Override public Availability availability() { return inner.availability(); }
    @Override public Set<Suite> suites() { return inner.suites(); }
    @Override public List<PrimitiveInfo> primitives() { return inner.primitives(); }
    @Override public SecureRandomSource random() { return random; }
    /** Runs {@code action} before each AES encryption (CBC or GCM) from now on. */
    void beforeAesEncryption(Runnable action) {
        beforeAesEncryption = action;
    }

    /** AES decryptions (CBC and GCM) asked of the provider so far. */
    long aesDecryptions() {
        return aesDecryptions.get();
    }

    /** AES keys imported and HKDF derivations (a v2 content key is derived) so far. */
    long keysPrepared() {
        return aesKeyImports.get() + hkdfDerivations.get();
    }

    /** AES keys imported so far: pair keys as they are unwrapped, content keys as they are made ready. */
    long aesKeyImports() {
        return aesKeyImports.get();
    }

    @Override
    public AesKeys aesKeys() {
        AesKeys keys = inner.aesKeys();
        return new AesKeys() {
            @Override
            public byte[] generate(int sizeInBits) throws GeneralSecurityException {
                return keys.generate(sizeInBits);
            }

            @Override
            public AesKey importKey(byte[] raw) throws GeneralSecurityException {
                aesKeyImports.incrementAndGet();
                return keys.importKey(raw);
            }
        };
    }

    @Override public Ed25519 ed25519() { return inner.ed25519(); }

    @Override
    public RsaOaep rsaOaep() {
        RsaOaep rsa = inner.rsaOaep();
        return new RsaOaep() {
            @Override
            public EncodedRsaKeyPair generateKeyPair(int modulusBits) throws GeneralSecurityException {
                return rsa.generateKeyPair(modulusBits);
            }

            @Override
            public RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException {
                return rsa.importPublicKey(spki);
            }

            @Override
            public RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
                return rsa.importPrivateKey(pkcs8);
            }

            @Override
            public byte[] encrypt(RsaPublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
                    throws GeneralSecurityException {
                return rsa.encrypt(key, parameters, plaintext, label);
            }

            @Override
            public byte[] decrypt(RsaPrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
                    throws GeneralSecurityException {
                rsaDecryptions.incrementAndGet();
                return rsa.decrypt(key, parameters, ciphertext, label);
            }
        };
    }

    @Override
    public Hkdf hkdf() {
        Hkdf hkdf = inner.hkdf();
        return (inputKeyMaterial, salt, info, length) -> {
            hkdfDerivations.incrementAndGet();
            return hkdf.sha256(inputKeyMaterial, salt, info, length);
        };
    }

    @Override
    public AesCbc aesCbc() {
        AesCbc cbc = inner.aesCbc();
        return new AesCbc() {
            @Override
            public byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException {
                beforeAesEncryption.run();
                return cbc.encrypt(key, plaintext);
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] ivAndCiphertext) throws GeneralSecurityException {
                aesDecryptions.incrementAndGet();
                return cbc.decrypt(key, ivAndCiphertext);
            }

            @Override
            public byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException {
                beforeAesEncryption.run();
                return cbc.encrypt(key, iv, plaintext);
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
                aesDecryptions.incrementAndGet();
                return cbc.decrypt(key, iv, ciphertext);
            }
        };
    }

    @Override
    public AesGcm aesGcm() {
        AesGcm gcm = inner.aesGcm();
        return new AesGcm() {
            @Override
            public byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
                beforeAesEncryption.run();
                return gcm.encrypt(key, plaintext, associatedData);
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] nonceCiphertextAndTag, byte[] associatedData)
                    throws GeneralSecurityException {
                aesDecryptions.incrementAndGet();
                return gcm.decrypt(key, nonceCiphertextAndTag, associatedData);
            }

            @Override
            public byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
                    throws GeneralSecurityException {
                beforeAesEncryption.run();
                return gcm.encryptWithNonce(key, nonce, plaintext, associatedData);
            }

            @Override
            public byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
                    throws GeneralSecurityException {
                aesDecryptions.incrementAndGet();
                return gcm.decryptWithNonce(key, nonce, ciphertextAndTag, associatedData);
            }
        };
    }
}
