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
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.OaepParameters;

/**
 * The kit's own independent implementation of each primitive, on plain {@code javax.crypto}.
 * It asks for the JDK's own providers ({@code SunJCE}, {@code SunRsaSign}) by name when they are
 * installed, so that a provider under test that registers itself as a JCA provider (Conscrypt,
 * Bouncy Castle) cannot end up checking itself.
 */
final class JdkCiphers {

    private JdkCiphers() {}

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
