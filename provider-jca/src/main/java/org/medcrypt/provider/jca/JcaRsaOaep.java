package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * RSA key generation and parsing with the provider's {@code KeyPairGenerator} and {@code
 * KeyFactory}, and RSA-OAEP with {@code RSA/ECB/OAEPPadding} and an explicit {@code
 * OAEPParameterSpec} (hash, MGF1 hash and label always given; JCA's default MGF1 hash is never
 * used). A provider that refuses labels (ACCP 2.5) has its labelled operations done by the
 * JDK's SunJCE on the same key objects; {@link JcaEngine#oaep(byte[])} picks the cipher.
 */
final class JcaRsaOaep implements RsaOaep {

    private final LazyEngine engine;

    JcaRsaOaep(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public EncodedRsaKeyPair generateKeyPair(int modulusBits) throws GeneralSecurityException {
        if (modulusBits != 2048 && modulusBits != 3072 && modulusBits != 4096) {
            throw new GeneralSecurityException("RSA keys are generated with 2048, 3072 or 4096 bits, not " + modulusBits);
        }
        JcaEngine e = engine.get();
        KeyPairGenerator generator = KeyPairGenerator.getInstance(JcaEngine.RSA, e.rsaKeyPairGenerator());
        generator.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), e.random());
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            if (pkcs8 == null || !"PKCS#8".equalsIgnoreCase(pair.getPrivate().getFormat())) {
                throw new GeneralSecurityException(e.rsaKeyPairGenerator().getName() + " made no PKCS#8 encoding");
            }
            return EncodedRsaKeyPair.of(pair.getPublic().getEncoded(), pkcs8);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
            JcaRsaPrivateKey.destroyQuietly(pair.getPrivate());
        }
    }

    @Override
    public RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException {
        Objects.requireNonNull(spki, "spki");
        JcaEngine e = engine.get();
        PublicKey key;
        try {
            key = KeyFactory.getInstance(JcaEngine.RSA, e.rsaKeyFactory()).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException failure) {
            throw new InvalidKeyException("not an RSA public key in SubjectPublicKeyInfo (DER)");
        }
        int modulusBits = checkedModulusBits(key);
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("the RSA public key has no SubjectPublicKeyInfo encoding");
        }
        return new JcaRsaPublicKey(e.providerId(), key, modulusBits, encoded);
    }

    @Override
    public RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
        Objects.requireNonNull(pkcs8, "pkcs8");
        JcaEngine e = engine.get();
        PrivateKey key;
        try {
            // PKCS8EncodedKeySpec keeps a copy of the key that Java 17 offers no way to wipe
            key = KeyFactory.getInstance(JcaEngine.RSA, e.rsaKeyFactory()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException failure) {
            throw new InvalidKeyException("not an RSA private key in PKCS#8 (DER)");
        }
        int modulusBits;
        try {
            modulusBits = checkedModulusBits(key);
        } catch (GeneralSecurityException refused) {
            JcaRsaPrivateKey.destroyQuietly(key);
            throw refused;
        }
        return new JcaRsaPrivateKey(e.providerId(), key, modulusBits);
    }

    @Override
    public byte[] encrypt(RsaPublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(label, "label");
        JcaEngine e = engine.get();
        JcaRsaPublicKey publicKey = JcaRsaPublicKey.of(key, e.providerId());
        parameters.checkPlaintextLength(publicKey.modulusBits(), plaintext.length);
        CipherCache cache = e.oaep(label);
        try {
            Cipher cipher = cache.get();
            cipher.init(Cipher.ENCRYPT_MODE, publicKey.key(), e.oaepSpec(parameters, label), e.random());
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException | RuntimeException failure) {
            cache.discard();
            throw failure;
        }
    }

    @Override
    public byte[] decrypt(RsaPrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(label, "label");
        JcaEngine e = engine.get();
        PrivateKey privateKey = JcaRsaPrivateKey.keyOf(key, e.providerId());
        javax.crypto.spec.OAEPParameterSpec spec = e.oaepSpec(parameters, label);
        // RFC 8017 7.1.2 step 1: a ciphertext is exactly k bytes (JCA also takes shorter ones)
        if (ciphertext.length != (key.modulusBits() + 7) / 8) {
            throw failed();
        }
        CipherCache cache = e.oaep(label);
        try {
            Cipher cipher = cache.get();
            cipher.init(Cipher.DECRYPT_MODE, privateKey, spec);
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException | RuntimeException failure) {
            // one message whatever failed: no padding oracle
            cache.discard();
            throw failed();
        }
    }

    private static int checkedModulusBits(java.security.Key key) throws GeneralSecurityException {
        if (!(key instanceof RSAKey rsaKey) || !JcaEngine.RSA.equalsIgnoreCase(key.getAlgorithm())) {
            throw new InvalidKeyException("not an RSA key");
        }
        int bits = rsaKey.getModulus().bitLength();
        if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            throw new InvalidKeyException("RSA moduli of " + MIN_MODULUS_BITS + " to " + MAX_MODULUS_BITS
                    + " bits are accepted, not " + bits);
        }
        return bits;
    }

    private static GeneralSecurityException failed() {
        return new GeneralSecurityException("RSA-OAEP decryption failed");
    }
}
