package org.medcrypt.provider.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

class BcRsaOaepTest {

    private static final BouncyCastleCryptoProvider PROVIDER = BouncyCastleCryptoProvider.create();
    private static final RsaOaep RSA = PROVIDER.rsaOaep();

    private static EncodedRsaKeyPair bcPair;
    private static KeyPair jdkPair;

    @BeforeAll
    static void keys() throws Exception {
        bcPair = RSA.generateKeyPair(2048);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        jdkPair = generator.generateKeyPair();
    }

    private static OAEPParameterSpec jdkSpec(OaepParameters p, byte[] label) {
        return new OAEPParameterSpec(p.hash(), "MGF1", new MGF1ParameterSpec(p.mgf1Hash()),
                new PSource.PSpecified(label));
    }

    @Test
    void generatedKeysAreStandardEncodingsTheJdkReads() throws Exception {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        RSAPublicKey pub = (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(bcPair.spki()));
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(bcPair.pkcs8()));
        assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
        assertThat(pub.getPublicExponent().intValue()).isEqualTo(65537);
        assertThat(priv.getModulus()).isEqualTo(pub.getModulus());
        assertThat(pub.getEncoded()).isEqualTo(bcPair.spki());
        assertThat(priv.getEncoded()).isEqualTo(bcPair.pkcs8());
        assertThat(RSA.importPublicKey(bcPair.spki()).spki()).isEqualTo(bcPair.spki());
    }

    @Test
    void crossChecksWithTheJdkInBothDirections() throws Exception {
        RsaPublicKey bcPub = RSA.importPublicKey(bcPair.spki());
        RsaPrivateKey bcPriv = RSA.importPrivateKey(bcPair.pkcs8());
        KeyFactory kf = KeyFactory.getInstance("RSA");
        PublicKey jdkPubOfBcPair = kf.generatePublic(new X509EncodedKeySpec(bcPair.spki()));
        PrivateKey jdkPrivOfBcPair = kf.generatePrivate(new PKCS8EncodedKeySpec(bcPair.pkcs8()));
        RsaPublicKey bcPubOfJdkPair = RSA.importPublicKey(jdkPair.getPublic().getEncoded());
        RsaPrivateKey bcPrivOfJdkPair = RSA.importPrivateKey(jdkPair.getPrivate().getEncoded());

        for (OaepParameters p : OaepParameters.values()) {
            for (byte[] label : new byte[][] {new byte[0], "medcrypt".getBytes()}) {
                for (int size : new int[] {0, 1, 32, p.maxPlaintextLength(2048)}) {
                    byte[] pt = PROVIDER.random().bytes(size);
                    Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");

                    byte[] ours = RSA.encrypt(bcPub, p, pt, label);
                    assertThat(ours).hasSize(256);
                    assertThat(RSA.decrypt(bcPriv, p, ours, label)).isEqualTo(pt);
                    jdk.init(Cipher.DECRYPT_MODE, jdkPrivOfBcPair, jdkSpec(p, label));
                    assertThat(jdk.doFinal(ours)).as("JDK decrypts ours, %s", p).isEqualTo(pt);

                    jdk.init(Cipher.ENCRYPT_MODE, jdkPair.getPublic(), jdkSpec(p, label));
                    byte[] theirs = jdk.doFinal(pt);
                    assertThat(RSA.decrypt(bcPrivOfJdkPair, p, theirs, label)).as("we decrypt the JDK's, %s", p)
                            .isEqualTo(pt);

                    byte[] oursForJdkKey = RSA.encrypt(bcPubOfJdkPair, p, pt, label);
                    jdk.init(Cipher.DECRYPT_MODE, jdkPair.getPrivate(), jdkSpec(p, label));
                    assertThat(jdk.doFinal(oursForJdkKey)).isEqualTo(pt);
                }
            }
        }
        assertThat(jdkPubOfBcPair).isNotNull();
    }

    @Test
    void decryptionFailuresShareOneMessage() throws Exception {
        RsaPublicKey pub = RSA.importPublicKey(bcPair.spki());
        RsaPrivateKey priv = RSA.importPrivateKey(bcPair.pkcs8());
        byte[] ct = RSA.encrypt(pub, OaepParameters.SHA256_MGF1_SHA256, new byte[32], new byte[0]);
        byte[] flipped = ct.clone();
        flipped[100] ^= 1;
        byte[][] bad = {flipped, Arrays.copyOf(ct, 255), Arrays.copyOf(ct, 257), new byte[0], new byte[256]};
        for (byte[] input : bad) {
            assertThatThrownBy(() -> RSA.decrypt(priv, OaepParameters.SHA256_MGF1_SHA256, input, new byte[0]))
                    .isInstanceOf(GeneralSecurityException.class).hasMessage("RSA-OAEP decryption failed");
        }
        assertThatThrownBy(() -> RSA.decrypt(priv, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[] {1}))
                .hasMessage("RSA-OAEP decryption failed");
        assertThatThrownBy(() -> RSA.decrypt(priv, OaepParameters.SHA256_MGF1_SHA1, ct, new byte[0]))
                .hasMessage("RSA-OAEP decryption failed");
        assertThatThrownBy(() -> RSA.decrypt(priv, OaepParameters.SHA1_MGF1_SHA1, ct, new byte[0]))
                .hasMessage("RSA-OAEP decryption failed");
        RsaPrivateKey other = RSA.importPrivateKey(jdkPair.getPrivate().getEncoded());
        assertThatThrownBy(() -> RSA.decrypt(other, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[0]))
                .hasMessage("RSA-OAEP decryption failed");
    }

    @Test
    void refusesTooLongPlaintext() throws Exception {
        RsaPublicKey pub = RSA.importPublicKey(bcPair.spki());
        for (OaepParameters p : OaepParameters.values()) {
            byte[] tooLong = new byte[p.maxPlaintextLength(2048) + 1];
            assertThatThrownBy(() -> RSA.encrypt(pub, p, tooLong, new byte[0]))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void refusesSmallAndBadKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair small = generator.generateKeyPair();
        assertThatThrownBy(() -> RSA.importPublicKey(small.getPublic().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPrivateKey(small.getPrivate().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPublicKey(new byte[] {0x30, 0x00})).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPublicKey(bcPair.pkcs8())).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPrivateKey(bcPair.spki())).isInstanceOf(GeneralSecurityException.class);
        byte[] trailing = Arrays.copyOf(bcPair.spki(), bcPair.spki().length + 1);
        assertThatThrownBy(() -> RSA.importPublicKey(trailing)).isInstanceOf(GeneralSecurityException.class);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecPair = ec.generateKeyPair();
        assertThatThrownBy(() -> RSA.importPublicKey(ecPair.getPublic().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPrivateKey(ecPair.getPrivate().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.generateKeyPair(1024)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.generateKeyPair(2047)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void privateKeyRedactsAndDestroys() throws Exception {
        RsaPrivateKey priv = RSA.importPrivateKey(bcPair.pkcs8());
        RsaPublicKey pub = RSA.importPublicKey(bcPair.spki());
        assertThat(priv.modulusBits()).isEqualTo(2048);
        assertThat(priv.toString()).contains("redacted").doesNotContain(
                ((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bcPair.spki())))
                        .getModulus().toString(16).substring(0, 16));
        byte[] ct = RSA.encrypt(pub, OaepParameters.SHA1_MGF1_SHA1, new byte[16], new byte[0]);
        priv.destroy();
        assertThat(priv.isDestroyed()).isTrue();
        assertThatThrownBy(() -> RSA.decrypt(priv, OaepParameters.SHA1_MGF1_SHA1, ct, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(bcPair.toString()).doesNotContain("30820");
    }

    @Test
    void generatesEachAllowedSize() throws Exception {
        EncodedRsaKeyPair pair = RSA.generateKeyPair(3072);
        RsaPublicKey pub = RSA.importPublicKey(pair.spki());
        RsaPrivateKey priv = RSA.importPrivateKey(pair.pkcs8());
        assertThat(pub.modulusBits()).isEqualTo(3072);
        byte[] pt = PROVIDER.random().bytes(32);
        assertThat(RSA.decrypt(priv, OaepParameters.SHA256_MGF1_SHA256,
                RSA.encrypt(pub, OaepParameters.SHA256_MGF1_SHA256, pt, new byte[0]), new byte[0])).isEqualTo(pt);
        pair.destroy();
    }
}
