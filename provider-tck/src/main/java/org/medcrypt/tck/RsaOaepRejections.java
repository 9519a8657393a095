package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * RSA-OAEP negative cases: wrong key, label or parameters, modified or malformed ciphertexts,
 * small moduli, malformed encodings and foreign key handles.
 */
public abstract class RsaOaepRejections extends ConformanceSection {

    private static final byte[] NO_LABEL = new byte[0];

    private RsaOaep rsa() {
        return p().rsaOaep();
    }

    private RsaPublicKey publicKey() throws GeneralSecurityException {
        return rsa().importPublicKey(RsaKeys.ofProvider(p(), 2048).spki());
    }

    private RsaPrivateKey privateKey() throws GeneralSecurityException {
        return rsa().importPrivateKey(RsaKeys.ofProvider(p(), 2048).pkcs8());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OaepParameters.class)
    void wrongPrivateKeyIsRejected(OaepParameters params) throws GeneralSecurityException {
        byte[] ct = rsa().encrypt(publicKey(), params, randomBytes(32), NO_LABEL);
        RsaPrivateKey other = rsa().importPrivateKey(RsaKeys.ofJdk(2048).getPrivate().getEncoded());
        assertGse("decrypt with another 2048-bit key", () -> rsa().decrypt(other, params, ct, NO_LABEL));
        RsaPrivateKey bigger = rsa().importPrivateKey(RsaKeys.ofJdk(3072).getPrivate().getEncoded());
        assertGse("decrypt with a 3072-bit key", () -> rsa().decrypt(bigger, params, ct, NO_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OaepParameters.class)
    void tamperedCiphertextIsRejected(OaepParameters params) throws GeneralSecurityException {
        RsaPrivateKey priv = privateKey();
        byte[] ct = rsa().encrypt(publicKey(), params, randomBytes(32), NO_LABEL);
        for (int index : new int[] {0, 1, 100, 200, 254, 255}) {
            for (int bit : new int[] {0, 7}) {
                byte[] bad = flipBit(ct, index, bit);
                assertGse("bit " + bit + " of byte " + index + " flipped", () -> rsa().decrypt(priv, params, bad, NO_LABEL));
            }
        }
    }

    @Test
    void malformedCiphertextLengthsAndValuesAreRejected() throws GeneralSecurityException {
        RsaPrivateKey priv = privateKey();
        OaepParameters params = OaepParameters.SHA256_MGF1_SHA256;
        byte[] ct = rsa().encrypt(publicKey(), params, randomBytes(32), NO_LABEL);
        assertGse("empty ciphertext", () -> rsa().decrypt(priv, params, new byte[0], NO_LABEL));
        assertGse("one byte short", () -> rsa().decrypt(priv, params, slice(ct, 0, 255), NO_LABEL));
        assertGse("one byte more", () -> rsa().decrypt(priv, params, concat(ct, new byte[1]), NO_LABEL));
        assertGse("one leading zero byte more", () -> rsa().decrypt(priv, params, concat(new byte[1], ct), NO_LABEL));
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xff);
        assertGse("ciphertext larger than the modulus", () -> rsa().decrypt(priv, params, ones, NO_LABEL));
        assertGse("zero ciphertext", () -> rsa().decrypt(priv, params, new byte[256], NO_LABEL));
        byte[] one = new byte[256];
        one[255] = 1;
        assertGse("ciphertext 1", () -> rsa().decrypt(priv, params, one, NO_LABEL));
        byte[] modulus = toFixed(((RSAPublicKey) JdkCiphers.rsaPublic(RsaKeys.ofProvider(p(), 2048).spki())).getModulus(), 256);
        assertGse("ciphertext equal to the modulus", () -> rsa().decrypt(priv, params, modulus, NO_LABEL));
        assertGse("random ciphertext", () -> rsa().decrypt(priv, params, randomBytes(256), NO_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OaepParameters.class)
    void wrongLabelIsRejected(OaepParameters params) throws GeneralSecurityException {
        RsaPrivateKey priv = privateKey();
        byte[] label = RsaOaepConformance.LABEL;
        byte[] withLabel = rsa().encrypt(publicKey(), params, randomBytes(16), label);
        byte[] withoutLabel = rsa().encrypt(publicKey(), params, randomBytes(16), NO_LABEL);
        assertGse("empty label instead of a label", () -> rsa().decrypt(priv, params, withLabel, NO_LABEL));
        assertGse("modified label", () -> rsa().decrypt(priv, params, withLabel, flipBit(label, 0, 0)));
        assertGse("label instead of none", () -> rsa().decrypt(priv, params, withoutLabel, label));
        assertGse("a zero byte instead of none", () -> rsa().decrypt(priv, params, withoutLabel, new byte[1]));
    }

    @ParameterizedTest(name = "encrypted with {0}")
    @EnumSource(OaepParameters.class)
    void wrongParametersAreRejected(OaepParameters used) throws GeneralSecurityException {
        RsaPrivateKey priv = privateKey();
        byte[] ct = rsa().encrypt(publicKey(), used, randomBytes(16), NO_LABEL);
        for (OaepParameters other : OaepParameters.values()) {
            if (other != used) {
                assertGse("encrypted with " + used + ", decrypted with " + other, () -> rsa().decrypt(priv, other, ct, NO_LABEL));
            }
        }
    }

    @Test
    void failedDecryptionsAllHaveTheSameMessage() throws GeneralSecurityException {
        // "a GeneralSecurityException whose message does not say which check failed"
        RsaPrivateKey priv = privateKey();
        OaepParameters params = OaepParameters.SHA256_MGF1_SHA256;
        byte[] ct = rsa().encrypt(publicKey(), params, randomBytes(16), NO_LABEL);
        String tampered = assertGse("tampered", () -> rsa().decrypt(priv, params, flipBit(ct, 128, 0), NO_LABEL)).getMessage();
        String label = assertGse("label", () -> rsa().decrypt(priv, params, ct, new byte[1])).getMessage();
        String parameters =
                assertGse("parameters", () -> rsa().decrypt(priv, OaepParameters.SHA256_MGF1_SHA1, ct, NO_LABEL)).getMessage();
        String zero = assertGse("zero", () -> rsa().decrypt(priv, params, new byte[256], NO_LABEL)).getMessage();
        assertThat(label).as("message for a wrong label vs. a tampered ciphertext").isEqualTo(tampered);
        assertThat(parameters).as("message for wrong parameters vs. a tampered ciphertext").isEqualTo(tampered);
        assertThat(zero).as("message for a zero ciphertext vs. a tampered ciphertext").isEqualTo(tampered);
    }

    @Test
    void failureDoesNotRevealPlaintextOrKey() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        RsaPrivateKey priv = privateKey();
        byte[] pt = randomBytes(32);
        byte[] ct = rsa().encrypt(publicKey(), OaepParameters.SHA1_MGF1_SHA1, pt, NO_LABEL);
        byte[] pkcs8 = pair.pkcs8();
        byte[] pkcs8Tail = slice(pkcs8, pkcs8.length - 48, pkcs8.length);
        assertNoSecretIn(
                assertGse("wrong label", () -> rsa().decrypt(priv, OaepParameters.SHA1_MGF1_SHA1, ct, new byte[1])), pt, pkcs8Tail);
        byte[] corrupted = pair.pkcs8();
        corrupted[10] ^= 0x55;
        Throwable t = catchThrowable(() -> rsa().importPrivateKey(corrupted));
        if (t != null) {
            assertThat(t).isInstanceOf(GeneralSecurityException.class);
            assertNoSecretIn(t, pkcs8Tail);
        }
    }

    @ParameterizedTest(name = "generateKeyPair({0}) is refused")
    @ValueSource(ints = {1024, 2047, 512, 0, -2048})
    void smallModuliAreRefusedOnGeneration(int bits) {
        assertGse("generateKeyPair(" + bits + ")", () -> rsa().generateKeyPair(bits));
    }

    @ParameterizedTest(name = "{0}-bit key is refused on import")
    @ValueSource(ints = {1024, 1536, 2040})
    void smallModuliAreRefusedOnImport(int bits) throws GeneralSecurityException {
        KeyPair small = JdkCiphers.generateRsa(bits);
        assertThat(((RSAPublicKey) small.getPublic()).getModulus().bitLength()).isEqualTo(bits);
        assertGse("importPublicKey of " + bits + " bits", () -> rsa().importPublicKey(small.getPublic().getEncoded()));
        assertGse("importPrivateKey of " + bits + " bits", () -> rsa().importPrivateKey(small.getPrivate().getEncoded()));
    }

    @Test
    void malformedEncodingsAreRefused() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        byte[] spki = pair.spki();
        byte[] pkcs8 = pair.pkcs8();
        assertGse("importPublicKey(empty)", () -> rsa().importPublicKey(new byte[0]));
        assertGse("importPrivateKey(empty)", () -> rsa().importPrivateKey(new byte[0]));
        assertGse("importPublicKey(random)", () -> rsa().importPublicKey(randomBytes(294)));
        assertGse("importPrivateKey(random)", () -> rsa().importPrivateKey(randomBytes(1200)));
        assertGse("importPublicKey(truncated)", () -> rsa().importPublicKey(slice(spki, 0, spki.length - 10)));
        assertGse("importPrivateKey(truncated)", () -> rsa().importPrivateKey(slice(pkcs8, 0, pkcs8.length / 2)));
        assertGse("importPublicKey(a PKCS#8 private key)", () -> rsa().importPublicKey(pkcs8));
        assertGse("importPrivateKey(an SPKI public key)", () -> rsa().importPrivateKey(spki));
    }

    @Test
    void nonRsaKeysAreRefused() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair pair = ec.generateKeyPair();
        assertGse("importPublicKey(EC SPKI)", () -> rsa().importPublicKey(pair.getPublic().getEncoded()));
        assertGse("importPrivateKey(EC PKCS#8)", () -> rsa().importPrivateKey(pair.getPrivate().getEncoded()));
    }

    @Test
    void foreignPrivateKeyHandleIsRefusedWithGeneralSecurityException() throws GeneralSecurityException {
        byte[] ct = rsa().encrypt(publicKey(), OaepParameters.SHA1_MGF1_SHA1, new byte[5], NO_LABEL);
        RsaPrivateKey foreign = new RsaPrivateKey() {
            @Override
            public int modulusBits() {
                return 2048;
            }

            @Override
            public void destroy() {}
        };
        assertGse("decrypt with a foreign RsaPrivateKey", () -> rsa().decrypt(foreign, OaepParameters.SHA1_MGF1_SHA1, ct, NO_LABEL));
    }

    @Test
    void foreignPublicKeyHandleIsRefusedOrUsedCorrectly() throws GeneralSecurityException {
        // The SPI says a handle is "usable only with the provider that made it" but does not say
        // whether a provider must refuse a foreign handle that carries a valid SPKI: refusing it
        // with a GeneralSecurityException or encrypting correctly to that SPKI are both allowed.
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        byte[] spki = pair.spki();
        RsaPublicKey foreign = new RsaPublicKey() {
            @Override
            public int modulusBits() {
                return 2048;
            }

            @Override
            public byte[] spki() {
                return spki.clone();
            }
        };
        byte[] pt = randomBytes(10);
        byte[] ct;
        try {
            ct = rsa().encrypt(foreign, OaepParameters.SHA256_MGF1_SHA256, pt, NO_LABEL);
        } catch (Throwable t) {
            assertThat(t).as("encrypt with a foreign RsaPublicKey").isInstanceOf(GeneralSecurityException.class);
            return;
        }
        assertThat(rsa().decrypt(privateKey(), OaepParameters.SHA256_MGF1_SHA256, ct, NO_LABEL)).isEqualTo(pt);
    }

    private static byte[] toFixed(BigInteger n, int length) {
        byte[] b = n.toByteArray();
        if (b.length == length) {
            return b;
        }
        byte[] out = new byte[length];
        if (b.length > length) {
            System.arraycopy(b, b.length - length, out, 0, length);
        } else {
            System.arraycopy(b, 0, out, length - b.length, b.length);
        }
        return out;
    }
}
