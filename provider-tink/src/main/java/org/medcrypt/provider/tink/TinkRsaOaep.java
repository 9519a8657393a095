package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.EngineFactory;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * RSA-OAEP, RSA key generation and RSA key encoding. Tink has no raw RSA-OAEP primitive (its
 * only RSA encryption is the RSA-KEM inside {@code hybrid.subtle.RsaKemHybridEncrypt}, which is
 * not OAEP) and no RSA key generation outside its signature key managers, so all of this is
 * JCA obtained through Tink's {@link EngineFactory}: {@code RSA/ECB/OAEPPadding} with an explicit
 * {@link OAEPParameterSpec} (never JCA's default MGF1), {@code KeyPairGenerator "RSA"} fed by
 * Tink's random bytes, and {@code KeyFactory "RSA"}.
 */
final class TinkRsaOaep implements RsaOaep {

    static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";
    private static final String DECRYPTION_FAILED = "RSA-OAEP decryption failed";
    private static final ThreadLocal<Cipher> CIPHER = new ThreadLocal<>();
    /** Specs with the empty label, which is what medcrypt's own data uses. */
    private static final Map<OaepParameters, OAEPParameterSpec> EMPTY_LABEL_SPECS = emptyLabelSpecs();

    @Override
    public EncodedRsaKeyPair generateKeyPair(int modulusBits) throws GeneralSecurityException {
        if (modulusBits != 2048 && modulusBits != 3072 && modulusBits != 4096) {
            throw new GeneralSecurityException(
                    "RSA key generation supports 2048, 3072 and 4096 bits, not " + modulusBits);
        }
        KeyPairGenerator generator = EngineFactory.KEY_PAIR_GENERATOR.getInstance("RSA");
        generator.initialize(
                new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4),
                TinkSecureRandom.INSTANCE);
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            return EncodedRsaKeyPair.of(pair.getPublic().getEncoded(), pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException {
        Objects.requireNonNull(spki, "spki");
        PublicKey key;
        try {
            key = keyFactory().generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("not an RSA SubjectPublicKeyInfo", e);
        }
        if (!(key instanceof RSAPublicKey)) {
            throw new GeneralSecurityException("not an RSA SubjectPublicKeyInfo");
        }
        RSAPublicKey rsaKey = (RSAPublicKey) key;
        checkModulus(rsaKey.getModulus());
        return new TinkRsaPublicKey(rsaKey, rsaKey.getEncoded());
    }

    @Override
    public RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
        Objects.requireNonNull(pkcs8, "pkcs8");
        PrivateKey key;
        try {
            key = keyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            // no cause: a parser's message might quote key bytes
            throw new GeneralSecurityException("not an RSA PKCS#8 private key");
        }
        if (!(key instanceof RSAPrivateKey)) {
            throw new GeneralSecurityException("not an RSA PKCS#8 private key");
        }
        RSAPrivateKey rsaKey = (RSAPrivateKey) key;
        checkModulus(rsaKey.getModulus());
        return new TinkRsaPrivateKey(rsaKey);
    }

    @Override
    public byte[] encrypt(RsaPublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
            throws GeneralSecurityException {
        TinkRsaPublicKey publicKey = TinkRsaPublicKey.from(key);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(label, "label");
        parameters.checkPlaintextLength(publicKey.modulusBits(), plaintext.length);
        Cipher cipher = cipher();
        cipher.init(Cipher.ENCRYPT_MODE, publicKey.jcaKey(), spec(parameters, label), TinkSecureRandom.INSTANCE);
        return cipher.doFinal(plaintext);
    }

    @Override
    public byte[] decrypt(RsaPrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
            throws GeneralSecurityException {
        RSAPrivateKey privateKey = TinkRsaPrivateKey.jcaKeyOf(key);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(label, "label");
        // RFC 8017 7.1.2 step 1: the ciphertext is exactly k bytes (JCA would accept shorter ones)
        if (ciphertext.length != (key.modulusBits() + 7) / 8) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, privateKey, spec(parameters, label));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException | RuntimeException e) {
            // one message for every cause: no padding oracle
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    private static void checkModulus(BigInteger modulus) throws GeneralSecurityException {
        int bits = modulus.bitLength();
        if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            throw new GeneralSecurityException("RSA modulus of " + bits + " bits; accepted: "
                    + MIN_MODULUS_BITS + " to " + MAX_MODULUS_BITS);
        }
    }

    private static OAEPParameterSpec spec(OaepParameters parameters, byte[] label) {
        if (label.length == 0) {
            return EMPTY_LABEL_SPECS.get(parameters);
        }
        return newSpec(parameters, new PSource.PSpecified(label));
    }

    private static Map<OaepParameters, OAEPParameterSpec> emptyLabelSpecs() {
        Map<OaepParameters, OAEPParameterSpec> specs = new EnumMap<>(OaepParameters.class);
        for (OaepParameters parameters : OaepParameters.values()) {
            specs.put(parameters, newSpec(parameters, PSource.PSpecified.DEFAULT));
        }
        return specs;
    }

    private static OAEPParameterSpec newSpec(OaepParameters parameters, PSource label) {
        return new OAEPParameterSpec(
                parameters.hash(), "MGF1", new MGF1ParameterSpec(parameters.mgf1Hash()), label);
    }

    static KeyFactory keyFactory() throws GeneralSecurityException {
        return EngineFactory.KEY_FACTORY.getInstance("RSA");
    }

    static Cipher cipher() throws GeneralSecurityException {
        Cipher cipher = CIPHER.get();
        if (cipher == null) {
            cipher = EngineFactory.CIPHER.getInstance(TRANSFORMATION);
            CIPHER.set(cipher);
        }
        return cipher;
    }
}
