package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/** RSA key generation, SPKI/PKCS#8 export and import, and RSA-OAEP round trips. */
public abstract class RsaOaepConformance extends ConformanceSection {

    static final byte[] LABEL = "medcrypt tck label".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @ParameterizedTest(name = "generateKeyPair({0})")
    @ValueSource(ints = {2048, 3072, 4096})
    void generatesKeyPairsInStandardEncodings(int bits) throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), bits);
        RSAPublicKey pub = (RSAPublicKey) JdkCiphers.rsaPublic(pair.spki());
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) JdkCiphers.rsaPrivate(pair.pkcs8());
        assertThat(pub.getModulus().bitLength()).as("modulus bits").isEqualTo(bits);
        assertThat(pub.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(priv.getModulus()).as("private and public modulus").isEqualTo(pub.getModulus());
        assertThat(priv.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(priv.getPrimeP().multiply(priv.getPrimeQ())).isEqualTo(pub.getModulus());
        RsaPublicKey publicHandle = p().rsaOaep().importPublicKey(pair.spki());
        RsaPrivateKey privateHandle = p().rsaOaep().importPrivateKey(pair.pkcs8());
        assertThat(publicHandle.modulusBits()).isEqualTo(bits);
        assertThat(privateHandle.modulusBits()).isEqualTo(bits);
        byte[] pt = randomBytes(32);
        byte[] ct = p().rsaOaep().encrypt(publicHandle, OaepParameters.SHA256_MGF1_SHA256, pt, new byte[0]);
        assertThat(ct).hasSize(bits / 8);
        assertThat(p().rsaOaep().decrypt(privateHandle, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[0])).isEqualTo(pt);
    }

    @Test
    void generatedKeyPairsDiffer() throws GeneralSecurityException {
        EncodedRsaKeyPair a = p().rsaOaep().generateKeyPair(2048);
        EncodedRsaKeyPair b = p().rsaOaep().generateKeyPair(2048);
        assertThat(a.spki()).isNotEqualTo(b.spki());
        assertThat(a.pkcs8()).isNotEqualTo(b.pkcs8());
    }

    @Test
    void publicKeyHandleReturnsItsSpkiAsAFreshCopy() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        RsaPublicKey key = p().rsaOaep().importPublicKey(pair.spki());
        byte[] spki = key.spki();
        assertThat(spki).as("DER is canonical: spki() returns what was imported").isEqualTo(pair.spki());
        Arrays.fill(spki, (byte) 0);
        assertThat(key.spki()).as("spki() after the caller wiped a previous copy").isEqualTo(pair.spki());
        byte[] jdkSpki = RsaKeys.ofJdk(2048).getPublic().getEncoded();
        assertThat(p().rsaOaep().importPublicKey(jdkSpki).spki()).isEqualTo(jdkSpki);
    }

    @Test
    void importsJdkGeneratedKeys() throws GeneralSecurityException {
        for (int bits : new int[] {2048, 3072}) {
            var pair = RsaKeys.ofJdk(bits);
            assertThat(p().rsaOaep().importPublicKey(pair.getPublic().getEncoded()).modulusBits()).isEqualTo(bits);
            assertThat(p().rsaOaep().importPrivateKey(pair.getPrivate().getEncoded()).modulusBits()).isEqualTo(bits);
        }
    }

    static Stream<Arguments> parametersLabelsAndLengths() {
        return Stream.of(OaepParameters.values())
                .flatMap(params -> Stream.of(new byte[0], LABEL)
                        .flatMap(label -> Stream.of(0, 1, 16, 32, 100)
                                .map(n -> Arguments.of(params, label.length == 0 ? "empty" : "non-empty", n))));
    }

    @ParameterizedTest(name = "{0}, {1} label, {2} bytes")
    @MethodSource("parametersLabelsAndLengths")
    void roundTrip(OaepParameters params, String labelKind, int length) throws GeneralSecurityException {
        byte[] label = labelKind.equals("empty") ? new byte[0] : LABEL;
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        RsaOaep rsa = p().rsaOaep();
        RsaPublicKey pub = rsa.importPublicKey(pair.spki());
        RsaPrivateKey priv = rsa.importPrivateKey(pair.pkcs8());
        byte[] pt = randomBytes(length);
        byte[] ct = rsa.encrypt(pub, params, pt, label);
        assertThat(ct).hasSize(256);
        assertThat(rsa.decrypt(priv, params, ct, label)).isEqualTo(pt);
        assertThat(rsa.encrypt(pub, params, pt, label)).as("OAEP is randomized").isNotEqualTo(ct);
    }

    @ParameterizedTest(name = "{0}, 2048 and 3072 bits")
    @EnumSource(OaepParameters.class)
    void maxPlaintextLengthIsAcceptedAndOneMoreIsRefused(OaepParameters params) throws GeneralSecurityException {
        for (int bits : new int[] {2048, 3072}) {
            EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), bits);
            RsaPublicKey pub = p().rsaOaep().importPublicKey(pair.spki());
            RsaPrivateKey priv = p().rsaOaep().importPrivateKey(pair.pkcs8());
            int max = params.maxPlaintextLength(bits);
            for (byte[] label : new byte[][] {new byte[0], LABEL}) {
                byte[] pt = randomBytes(max);
                byte[] ct = p().rsaOaep().encrypt(pub, params, pt, label);
                assertThat(p().rsaOaep().decrypt(priv, params, ct, label)).as("%d bits, %d bytes", bits, max).isEqualTo(pt);
                byte[] tooLong = randomBytes(max + 1);
                GeneralSecurityException e = assertGse(
                        "encrypt of " + (max + 1) + " bytes under " + bits + " bits with " + params,
                        () -> p().rsaOaep().encrypt(pub, params, tooLong, label));
                assertNoSecretIn(e, tooLong);
                assertGse("encrypt of " + (max + 50) + " bytes", () -> p().rsaOaep().encrypt(pub, params, randomBytes(max + 50), label));
            }
        }
    }

    @Test
    void privateKeyHandleKeepsItsOwnCopy() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        byte[] pkcs8 = pair.pkcs8();
        RsaPrivateKey priv = p().rsaOaep().importPrivateKey(pkcs8);
        Arrays.fill(pkcs8, (byte) 0);
        byte[] spki = pair.spki();
        RsaPublicKey pub = p().rsaOaep().importPublicKey(spki);
        Arrays.fill(spki, (byte) 0);
        byte[] pt = randomBytes(20);
        byte[] ct = p().rsaOaep().encrypt(pub, OaepParameters.SHA1_MGF1_SHA1, pt, new byte[0]);
        assertThat(p().rsaOaep().decrypt(priv, OaepParameters.SHA1_MGF1_SHA1, ct, new byte[0])).isEqualTo(pt);
    }

    @Test
    void privateKeyToStringDoesNotRevealTheKey() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        RSAPrivateCrtKey jdk = (RSAPrivateCrtKey) JdkCiphers.rsaPrivate(pair.pkcs8());
        String s = String.valueOf(p().rsaOaep().importPrivateKey(pair.pkcs8()));
        assertThat(s)
                .doesNotContain(jdk.getPrivateExponent().toString())
                .doesNotContain(jdk.getPrivateExponent().toString(16))
                .doesNotContain(jdk.getPrimeP().toString())
                .doesNotContain(jdk.getPrimeP().toString(16));
        assertNoSecretIn("RsaPrivateKey.toString()", s, slice(pair.pkcs8(), pair.pkcs8().length - 64, pair.pkcs8().length));
    }

    @Test
    void destroyedPrivateKeyCannotBeUsed() throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        RsaPrivateKey priv = p().rsaOaep().importPrivateKey(pair.pkcs8());
        byte[] ct = p().rsaOaep().encrypt(
                p().rsaOaep().importPublicKey(pair.spki()), OaepParameters.SHA256_MGF1_SHA256, new byte[5], new byte[0]);
        priv.destroy();
        // "Any later use throws": GeneralSecurityException or IllegalStateException, see AesKeyConformance
        Throwable t = catchThrowable(() -> p().rsaOaep().decrypt(priv, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[0]));
        assertThat(t)
                .as("decrypt with a destroyed RsaPrivateKey")
                .isInstanceOfAny(GeneralSecurityException.class, IllegalStateException.class);
    }
}
