package org.medcrypt.provider.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medcrypt.provider.tink.TinkAesTest.catchFailure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

class TinkRsaOaepTest {

    private static final RsaOaep RSA = TinkCryptoProvider.create().rsaOaep();
    private static EncodedRsaKeyPair pair;
    private static RsaPublicKey publicKey;
    private static RsaPrivateKey privateKey;

    @BeforeAll
    static void generate() throws Exception {
        pair = RSA.generateKeyPair(2048);
        publicKey = RSA.importPublicKey(pair.spki());
        privateKey = RSA.importPrivateKey(pair.pkcs8());
    }

    private static OAEPParameterSpec jdkSpec(OaepParameters p, byte[] label) {
        return new OAEPParameterSpec(p.hash(), "MGF1", new MGF1ParameterSpec(p.mgf1Hash()),
                new PSource.PSpecified(label));
    }

    @Test
    void generatesStandardKeys() throws Exception {
        PublicKey jdkPublic = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pair.spki()));
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pair.pkcs8()));
        assertThat(((RSAPublicKey) jdkPublic).getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(((RSAPublicKey) jdkPublic).getModulus().bitLength()).isEqualTo(2048);
        assertThat(publicKey.modulusBits()).isEqualTo(2048);
        assertThat(privateKey.modulusBits()).isEqualTo(2048);
        assertThat(publicKey.spki()).isEqualTo(pair.spki());
        assertThat(privateKey.toString()).contains("redacted");
    }

    @Test
    void generates3072() throws Exception {
        EncodedRsaKeyPair big = RSA.generateKeyPair(3072);
        assertThat(RSA.importPublicKey(big.spki()).modulusBits()).isEqualTo(3072);
    }

    @Test
    void refusesOtherGenerationSizes() {
        for (int bits : new int[] {512, 1024, 2047, 2049, 8192}) {
            assertThatThrownBy(() -> RSA.generateKeyPair(bits)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(OaepParameters.class)
    void roundTripsAndMatchesJdkBothWays(OaepParameters p) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        PublicKey jdkPublic = kf.generatePublic(new X509EncodedKeySpec(pair.spki()));
        PrivateKey jdkPrivate = kf.generatePrivate(new PKCS8EncodedKeySpec(pair.pkcs8()));
        int max = p.maxPlaintextLength(2048);
        for (byte[] label : new byte[][] {new byte[0], "label".getBytes(StandardCharsets.UTF_8)}) {
            for (int length : new int[] {0, 1, 32, max}) {
                byte[] pt = new byte[length];
                Arrays.fill(pt, (byte) 7);
                byte[] ct = RSA.encrypt(publicKey, p, pt, label);
                assertThat(ct).hasSize(256);
                assertThat(RSA.decrypt(privateKey, p, ct, label)).isEqualTo(pt);

                Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");
                jdk.init(Cipher.DECRYPT_MODE, jdkPrivate, jdkSpec(p, label));
                assertThat(jdk.doFinal(ct)).isEqualTo(pt);

                jdk.init(Cipher.ENCRYPT_MODE, jdkPublic, jdkSpec(p, label));
                assertThat(RSA.decrypt(privateKey, p, jdk.doFinal(pt), label)).isEqualTo(pt);
            }
        }
    }

    @Test
    void sha256WithMgf1Sha1IsNotSha256WithMgf1Sha256() throws Exception {
        byte[] ct = RSA.encrypt(publicKey, OaepParameters.SHA256_MGF1_SHA256, new byte[16], new byte[0]);
        assertThatThrownBy(() -> RSA.decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA1, ct, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
        // and JCA's named transformation really is MGF1-SHA-1
        Cipher named = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        named.init(Cipher.ENCRYPT_MODE,
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pair.spki())));
        byte[] jcaDefault = named.doFinal(new byte[16]);
        assertThat(RSA.decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA1, jcaDefault, new byte[0]))
                .isEqualTo(new byte[16]);
    }

    @Test
    void refusesTooLongPlaintext() {
        for (OaepParameters p : OaepParameters.values()) {
            byte[] pt = new byte[p.maxPlaintextLength(2048) + 1];
            assertThatThrownBy(() -> RSA.encrypt(publicKey, p, pt, new byte[0]))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void decryptionFailuresShareOneMessage() throws Exception {
        OaepParameters p = OaepParameters.SHA1_MGF1_SHA1;
        byte[] ct = RSA.encrypt(publicKey, p, new byte[32], new byte[0]);
        EncodedRsaKeyPair otherPair = RSA.generateKeyPair(2048);
        RsaPrivateKey other = RSA.importPrivateKey(otherPair.pkcs8());
        List<Throwable> failures = new ArrayList<>();
        for (int i : new int[] {0, 1, 100, 255}) {
            byte[] bad = ct.clone();
            bad[i] ^= 1;
            failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, bad, new byte[0])));
        }
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, ct, new byte[] {1})));
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[0])));
        failures.add(catchFailure(() -> RSA.decrypt(other, p, ct, new byte[0])));
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, Arrays.copyOf(ct, 255), new byte[0])));
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, Arrays.copyOf(ct, 257), new byte[0])));
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, new byte[0], new byte[0])));
        byte[] allOnes = new byte[256];
        Arrays.fill(allOnes, (byte) 0xff); // larger than the modulus
        failures.add(catchFailure(() -> RSA.decrypt(privateKey, p, allOnes, new byte[0])));
        assertThat(failures).allSatisfy(t -> {
            assertThat(t).isExactlyInstanceOf(GeneralSecurityException.class);
            assertThat(t.getMessage()).isEqualTo("RSA-OAEP decryption failed");
        });
    }

    @Test
    void importRefusesSmallModuliAndGarbage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var small = generator.generateKeyPair();
        assertThatThrownBy(() -> RSA.importPublicKey(small.getPublic().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPrivateKey(small.getPrivate().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPublicKey(new byte[] {0x30, 0x00}))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPrivateKey(pair.spki()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> RSA.importPublicKey(pair.pkcs8()))
                .isInstanceOf(GeneralSecurityException.class);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertThatThrownBy(() -> RSA.importPublicKey(ec.generateKeyPair().getPublic().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void destroyedPrivateKeyAndForeignKeysAreRefused() throws Exception {
        RsaPrivateKey key = RSA.importPrivateKey(pair.pkcs8());
        byte[] ct = RSA.encrypt(publicKey, OaepParameters.SHA1_MGF1_SHA1, new byte[8], new byte[0]);
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> RSA.decrypt(key, OaepParameters.SHA1_MGF1_SHA1, ct, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
        RsaPublicKey foreign = new RsaPublicKey() {
            @Override
            public int modulusBits() {
                return 2048;
            }

            @Override
            public byte[] spki() {
                return pair.spki();
            }
        };
        assertThatThrownBy(() -> RSA.encrypt(foreign, OaepParameters.SHA1_MGF1_SHA1, new byte[8], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void keyPairWipesPrivateBytes() throws Exception {
        EncodedRsaKeyPair generated = RSA.generateKeyPair(2048);
        generated.destroy();
        assertThatThrownBy(generated::pkcs8).isInstanceOf(IllegalStateException.class);
    }
}
