package org.medcrypt.tck;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.OaepParameters;

/**
 * The kit's own independent implementation of each primitive, on plain {@code javax.crypto}.
 * It asks for the JDK's own providers ({@code SunJCE}, {@code SunRsaSign}, {@code SunEC}) by name
 * when they are installed, so that a provider under test that registers itself as a JCA provider
 * (Conscrypt, Bouncy Castle) cannot end up checking itself. HKDF is written out here from RFC
 * 5869 over {@code HmacSHA256}, since Java 17 has none.
 */
final class JdkCiphers {

    /** RFC 8410: an Ed25519 SubjectPublicKeyInfo is this prefix and the 32 raw bytes. */
    static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** RFC 8410: an Ed25519 PKCS#8 (v1) private key is this prefix and the 32-byte seed. */
    static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private JdkCiphers() {}

    private static Provider sunEc() {
        return Security.getProvider("SunEC");
    }

    static KeyPair generateEd25519() throws GeneralSecurityException {
        Provider sun = sunEc();
        KeyPairGenerator g = sun != null
                ? KeyPairGenerator.getInstance("Ed25519", sun) : KeyPairGenerator.getInstance("Ed25519");
        return g.generateKeyPair();
    }

    private static KeyFactory ed25519KeyFactory() throws NoSuchAlgorithmException {
        Provider sun = sunEc();
        return sun != null ? KeyFactory.getInstance("Ed25519", sun) : KeyFactory.getInstance("Ed25519");
    }

    private static Signature ed25519Signature() throws NoSuchAlgorithmException {
        Provider sun = sunEc();
        return sun != null ? Signature.getInstance("Ed25519", sun) : Signature.getInstance("Ed25519");
    }

    static PublicKey ed25519Public(byte[] raw) throws GeneralSecurityException {
        return ed25519KeyFactory().generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, raw)));
    }

    static PrivateKey ed25519Private(byte[] seed) throws GeneralSecurityException {
        return ed25519KeyFactory().generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
    }

    /** The raw 32-byte public key: the SubjectPublicKeyInfo without its fixed prefix. */
    static byte[] rawEd25519Public(PublicKey key) {
        return withoutPrefix(key.getEncoded(), ED25519_SPKI_PREFIX);
    }

    /** The 32-byte seed: the PKCS#8 encoding without its fixed prefix. */
    static byte[] ed25519Seed(PrivateKey key) {
        return withoutPrefix(key.getEncoded(), ED25519_PKCS8_PREFIX);
    }

    static byte[] ed25519Sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature s = ed25519Signature();
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    static boolean ed25519Verify(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature s = ed25519Signature();
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }

    /** HKDF-SHA-256 as RFC 5869 section 2 writes it, over the JDK's {@code HmacSHA256}. */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
        Provider sunJce = Security.getProvider("SunJCE");
        Mac mac = sunJce != null ? Mac.getInstance("HmacSHA256", sunJce) : Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, off = 0; off < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - off);
            System.arraycopy(t, 0, okm, off, n);
            off += n;
        }
        return okm;
    }

    private static byte[] concat(byte[] prefix, byte[] raw) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }

    private static byte[] withoutPrefix(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32 || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalStateException("unexpected Ed25519 key encoding from the JDK");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static Cipher cipher(String transformation) throws GeneralSecurityException {
        Provider sunJce = Security.getProvider("SunJCE");
        return sunJce != null ? Cipher.getInstance(transformation, sunJce) : Cipher.getInstance(transformation);
    }

    private static KeyFactory rsaKeyFactory() throws NoSuchAlgorithmException {
        Provider sun = Security.getProvider("SunRsaSign");
        return sun != null ? KeyFactory.getInstance("RSA", sun) : KeyFactory.getInstance("RSA");
    }

    static KeyPair generateRsa(int bits) throws GeneralSecurityException {
        Provider sun = Security.getProvider("SunRsaSign");
        KeyPairGenerator g =
                sun != null ? KeyPairGenerator.getInstance("RSA", sun) : KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static PublicKey rsaPublic(byte[] spki) throws GeneralSecurityException {
        return rsaKeyFactory().generatePublic(new X509EncodedKeySpec(spki));
    }

    static PrivateKey rsaPrivate(byte[] pkcs8) throws GeneralSecurityException {
        return rsaKeyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static byte[] aesCbcNoPadding(byte[] key, byte[] iv, byte[] blocks) throws GeneralSecurityException {
        Cipher c = cipher("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(blocks);
    }

    static byte[] aesCbc(int mode, byte[] key, byte[] iv, byte[] in) throws GeneralSecurityException {
        Cipher c = cipher("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(in);
    }

    static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] in, byte[] aad) throws GeneralSecurityException {
        Cipher c = cipher("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(in);
    }

    static OAEPParameterSpec oaepSpec(OaepParameters parameters, byte[] label) {
        return new OAEPParameterSpec(
                parameters.hash(),
                "MGF1",
                new MGF1ParameterSpec(parameters.mgf1Hash()),
                new PSource.PSpecified(label));
    }

    static byte[] oaepEncrypt(PublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
            throws GeneralSecurityException {
        Cipher c = cipher("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, key, oaepSpec(parameters, label));
        return c.doFinal(plaintext);
    }

    static byte[] oaepDecrypt(PrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
            throws GeneralSecurityException {
        Cipher c = cipher("RSA/ECB/OAEPPadding");
        c.init(Cipher.DECRYPT_MODE, key, oaepSpec(parameters, label));
        return c.doFinal(ciphertext);
    }
}
