package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * Ed25519: RFC 8032's test vectors, round trips, determinism, and the rejections the SPI
 * promises: {@code verify} gives {@code false}, never an exception, for a wrong key or message,
 * any modified signature, a non-canonical {@code S} ({@code S + L}) and any length but 64;
 * imports of keys of the wrong length throw. The cross-check with the JDK's SunEC is in {@link
 * JdkInteroperability}, the Wycheproof vectors in {@link WycheproofConformance}.
 */
public abstract class Ed25519Conformance extends ConformanceSection {

    /** RFC 8032 section 7.1, TEST 1, 2 and 3: seed, public key, message, signature. */
    static final String[][] RFC8032 = {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    /** The order of the base point, L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    /** y = 2 (little-endian), which is no point of edwards25519: (y² − 1) / (d·y² + 1) is not a square. */
    static final String NOT_A_POINT = "0200000000000000000000000000000000000000000000000000000000000000";

    private static final byte[] SHORT_MESSAGE = "medcrypt".getBytes(StandardCharsets.US_ASCII);

    private Ed25519 ed() {
        return p().ed25519();
    }

    @Test
    void generatedKeyPairsHaveRfc8032SizesAndDiffer() throws GeneralSecurityException {
        EncodedEd25519KeyPair a = ed().generateKeyPair();
        EncodedEd25519KeyPair b = ed().generateKeyPair();
        assertThat(a.publicKey()).hasSize(Ed25519.PUBLIC_KEY_LENGTH);
        assertThat(a.seed()).hasSize(Ed25519.PRIVATE_KEY_LENGTH).isNotEqualTo(new byte[32]);
        assertThat(a.seed()).as("two generated seeds").isNotEqualTo(b.seed());
        assertThat(a.publicKey()).as("two generated public keys").isNotEqualTo(b.publicKey());
        assertThat(a.toString()).doesNotContain(hex(a.seed()));
    }

    @Test
    void aGeneratedSeedDerivesItsPublicKey() throws GeneralSecurityException {
        for (int i = 0; i < 5; i++) {
            EncodedEd25519KeyPair pair = ed().generateKeyPair();
            Ed25519PrivateKey key = ed().importPrivateKey(pair.seed());
            assertThat(key.publicKey()).as("publicKey() of the imported seed").isEqualTo(pair.publicKey());
            byte[] signature = ed().sign(key, SHORT_MESSAGE);
            assertThat(ed().verify(ed().importPublicKey(pair.publicKey()), SHORT_MESSAGE, signature)).isTrue();
        }
    }

    @ParameterizedTest(name = "RFC 8032 TEST {0}")
    @ValueSource(ints = {1, 2, 3})
    void rfc8032Vectors(int test) throws GeneralSecurityException {
        String[] v = RFC8032[test - 1];
        byte[] seed = hex(v[0]);
        byte[] publicKey = hex(v[1]);
        byte[] message = hex(v[2]);
        byte[] expected = hex(v[3]);
        Ed25519PrivateKey key = ed().importPrivateKey(seed);
        assertThat(key.publicKey()).as("public key of the seed").isEqualTo(publicKey);
        assertThat(ed().sign(key, message)).as("signature").isEqualTo(expected);
        assertThat(ed().sign(key, message)).as("signature, signing again").isEqualTo(expected);
        Ed25519PublicKey pub = ed().importPublicKey(publicKey);
        assertThat(pub.raw()).isEqualTo(publicKey);
        assertThat(ed().verify(pub, message, expected)).as("verify").isTrue();
    }

    @Test
    void roundTripsAreDeterministicForMessagesOfEveryLength() throws GeneralSecurityException {
        EncodedEd25519KeyPair pair = ed().generateKeyPair();
        Ed25519PrivateKey key = ed().importPrivateKey(pair.seed());
        Ed25519PrivateKey sameKey = ed().importPrivateKey(pair.seed());
        Ed25519PublicKey pub = ed().importPublicKey(pair.publicKey());
        for (int length : new int[] {0, 1, 31, 32, 33, 64, 1000, 70_000}) {
            byte[] message = randomBytes(length);
            byte[] signature = ed().sign(key, message);
            assertThat(signature).as("signature of %d bytes", length).hasSize(Ed25519.SIGNATURE_LENGTH);
            assertThat(ed().sign(key, message)).as("signing %d bytes twice", length).isEqualTo(signature);
            assertThat(ed().sign(sameKey, message)).as("a second handle of the same seed").isEqualTo(signature);
            assertThat(ed().verify(pub, message, signature)).as("verify %d bytes", length).isTrue();
        }
    }

    @Test
    void wrongKeyOrMessageIsRejected() throws GeneralSecurityException {
        EncodedEd25519KeyPair pair = ed().generateKeyPair();
        Ed25519PublicKey pub = ed().importPublicKey(pair.publicKey());
        Ed25519PublicKey other = ed().importPublicKey(ed().generateKeyPair().publicKey());
        byte[] signature = ed().sign(ed().importPrivateKey(pair.seed()), SHORT_MESSAGE);
        assertThat(ed().verify(other, SHORT_MESSAGE, signature)).as("another public key").isFalse();
        for (int bit = 0; bit < SHORT_MESSAGE.length * 8; bit++) {
            byte[] changed = flipBit(SHORT_MESSAGE, bit / 8, bit % 8);
            assertThat(ed().verify(pub, changed, signature)).as("message with bit %d flipped", bit).isFalse();
        }
        assertThat(ed().verify(pub, concat(SHORT_MESSAGE, new byte[1]), signature)).as("a byte appended").isFalse();
        assertThat(ed().verify(pub, slice(SHORT_MESSAGE, 0, SHORT_MESSAGE.length - 1), signature))
                .as("the last byte removed").isFalse();
        assertThat(ed().verify(pub, new byte[0], signature)).as("the empty message").isFalse();
        assertThat(ed().verify(pub, SHORT_MESSAGE, signature)).as("the signed message").isTrue();
    }

    @Test
    void everyBitFlipOfTheSignatureIsRejected() throws GeneralSecurityException {
        EncodedEd25519KeyPair pair = ed().generateKeyPair();
        Ed25519PublicKey pub = ed().importPublicKey(pair.publicKey());
        byte[] signature = ed().sign(ed().importPrivateKey(pair.seed()), SHORT_MESSAGE);
        for (int bit = 0; bit < Ed25519.SIGNATURE_LENGTH * 8; bit++) {
            byte[] tampered = flipBit(signature, bit / 8, bit % 8);
            assertThat(verifyQuietly(pub, SHORT_MESSAGE, tampered)).as("signature with bit %d flipped", bit).isFalse();
        }
    }

    @Test
    void nonCanonicalSIsRejected() throws GeneralSecurityException {
        // Signature malleability: (R, S + L) satisfies the verification equation as (R, S) does,
        // and RFC 8032 section 5.1.7 requires refusing any S >= L.
        String[] v = RFC8032[1];
        Ed25519PublicKey pub = ed().importPublicKey(hex(v[1]));
        byte[] signature = hex(v[3]);
        byte[] sPlusL = withS(signature, s(signature).add(L));
        assertThat(verifyQuietly(pub, hex(v[2]), sPlusL)).as("S + L").isFalse();
        byte[] sPlus2L = withS(signature, s(signature).add(L.shiftLeft(1)));
        assertThat(verifyQuietly(pub, hex(v[2]), sPlus2L)).as("S + 2L").isFalse();
        assertThat(verifyQuietly(pub, hex(v[2]), withS(signature, L))).as("S = L").isFalse();
        assertThat(verifyQuietly(pub, hex(v[2]), signature)).as("the canonical signature").isTrue();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 32, 63, 65, 66, 96, 128})
    void signaturesOfOtherLengthsAreFalse(int length) throws GeneralSecurityException {
        String[] v = RFC8032[0];
        Ed25519PublicKey pub = ed().importPublicKey(hex(v[1]));
        byte[] signature = hex(v[3]);
        byte[] message = hex(v[2]);
        // a valid signature cut short, or followed by zero bytes (SunEC on Java 17 takes a
        // trailing zero as part of S and accepts the signature) or by random bytes
        byte[] zeros = Arrays.copyOf(signature, length);
        assertThat(verifyQuietly(pub, message, zeros)).as("%d bytes: the signature, cut or zero-padded", length).isFalse();
        if (length > Ed25519.SIGNATURE_LENGTH) {
            byte[] garbage = concat(signature, randomBytes(length - Ed25519.SIGNATURE_LENGTH));
            assertThat(verifyQuietly(pub, message, garbage)).as("%d bytes: the signature and garbage", length).isFalse();
            byte[] prefixed = concat(randomBytes(length - Ed25519.SIGNATURE_LENGTH), signature);
            assertThat(verifyQuietly(pub, message, prefixed)).as("%d bytes: garbage and the signature", length).isFalse();
        }
    }

    @Test
    void malformedSignaturesAreFalseNotExceptions() throws GeneralSecurityException {
        String[] v = RFC8032[0];
        Ed25519PublicKey pub = ed().importPublicKey(hex(v[1]));
        byte[] message = hex(v[2]);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        byte[] validR = slice(hex(v[3]), 0, 32);
        for (byte[] bad : List.of(new byte[64], ones, randomBytes(64), concat(validR, new byte[32]),
                concat(new byte[32], slice(hex(v[3]), 32, 64)), concat(hex(NOT_A_POINT), slice(hex(v[3]), 32, 64)))) {
            assertThat(verifyQuietly(pub, message, bad)).as("signature %s", hex(bad)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 16, 31, 33, 44, 48, 64})
    void keysOfOtherLengthsAreRefusedOnImport(int length) {
        byte[] raw = randomBytes(length);
        GeneralSecurityException publicRefusal = assertGse("importPublicKey of " + length + " bytes", () -> ed().importPublicKey(raw));
        GeneralSecurityException privateRefusal = assertGse("importPrivateKey of " + length + " bytes", () -> ed().importPrivateKey(raw));
        if (length >= 16) {
            assertNoSecretIn(privateRefusal, raw);
            assertNoSecretIn(publicRefusal, raw);
        }
    }

    @Test
    void aValueThatIsNoPointIsRefusedOrVerifiesNothing() throws GeneralSecurityException {
        // The SPI allows either: refuse it on import, or accept it and let every verify fail.
        Ed25519PublicKey key;
        try {
            key = ed().importPublicKey(hex(NOT_A_POINT));
        } catch (Throwable t) {
            assertThat(t).as("importPublicKey of a value that is no point").isInstanceOf(GeneralSecurityException.class);
            return;
        }
        for (String[] v : RFC8032) {
            assertThat(verifyQuietly(key, hex(v[2]), hex(v[3]))).isFalse();
        }
        assertThat(verifyQuietly(key, SHORT_MESSAGE, randomBytes(64))).isFalse();
    }

    @Test
    void privateKeyHandlesAreRedactedAndDestroyable() throws GeneralSecurityException {
        EncodedEd25519KeyPair pair = ed().generateKeyPair();
        byte[] seed = pair.seed();
        Ed25519PrivateKey key = ed().importPrivateKey(seed);
        assertNoSecretIn("toString() of an Ed25519 private key", key.toString(), seed);
        assertThat(key.isDestroyed()).isFalse();
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        GeneralSecurityException refusal = assertGse("sign with a destroyed key", () -> ed().sign(key, SHORT_MESSAGE));
        assertNoSecretIn(refusal, seed);
        assertThat(catchThrowable(key::publicKey)).as("publicKey() of a destroyed key").isInstanceOf(IllegalStateException.class);
        assertNoSecretIn("toString() of a destroyed Ed25519 private key", key.toString(), seed);
        pair.destroy();
        assertThat(pair.isDestroyed()).isTrue();
    }

    @Test
    void theCallerMayWipeItsArraysAfterImport() throws GeneralSecurityException {
        String[] v = RFC8032[2];
        byte[] seed = hex(v[0]);
        byte[] publicKey = hex(v[1]);
        Ed25519PrivateKey key = ed().importPrivateKey(seed);
        Ed25519PublicKey pub = ed().importPublicKey(publicKey);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(publicKey, (byte) 0);
        assertThat(ed().sign(key, hex(v[2]))).isEqualTo(hex(v[3]));
        assertThat(ed().verify(pub, hex(v[2]), hex(v[3]))).isTrue();
        assertThat(pub.raw()).isEqualTo(hex(v[1]));
    }

    @Test
    void keyBytesAreHandedOutAsFreshCopies() throws GeneralSecurityException {
        String[] v = RFC8032[0];
        Ed25519PublicKey pub = ed().importPublicKey(hex(v[1]));
        Ed25519PrivateKey key = ed().importPrivateKey(hex(v[0]));
        Arrays.fill(pub.raw(), (byte) 0);
        Arrays.fill(key.publicKey(), (byte) 0);
        assertThat(pub.raw()).isEqualTo(hex(v[1]));
        assertThat(key.publicKey()).isEqualTo(hex(v[1]));
        byte[] signature = ed().sign(key, hex(v[2]));
        Arrays.fill(signature, (byte) 0);
        assertThat(ed().sign(key, hex(v[2]))).isEqualTo(hex(v[3]));
    }

    @Test
    void foreignPrivateKeyHandleIsRefusedWithGeneralSecurityException() {
        Ed25519PrivateKey foreign = new Ed25519PrivateKey() {
            @Override
            public byte[] publicKey() {
                return hex(RFC8032[0][1]);
            }

            @Override
            public void destroy() {}
        };
        assertGse("sign with a foreign Ed25519PrivateKey", () -> ed().sign(foreign, SHORT_MESSAGE));
    }

    @Test
    void foreignPublicKeyHandleIsUsedCorrectlyOrGivesFalse() throws GeneralSecurityException {
        // As for RSA: a provider may refuse a foreign handle (here: false) or use its raw() bytes;
        // it must not throw, and must never accept an invalid signature.
        String[] v = RFC8032[1];
        Ed25519PublicKey foreign = () -> hex(v[1]);
        Ed25519PublicKey broken = () -> new byte[31];
        verifyQuietly(foreign, hex(v[2]), hex(v[3]));
        assertThat(verifyQuietly(foreign, hex(v[2]), flipBit(hex(v[3]), 0, 0))).isFalse();
        assertThat(verifyQuietly(broken, hex(v[2]), hex(v[3]))).isFalse();
    }

    @Test
    void worksFromManyThreads() throws Exception {
        EncodedEd25519KeyPair pair = ed().generateKeyPair();
        Ed25519PrivateKey key = ed().importPrivateKey(pair.seed());
        Ed25519PublicKey pub = ed().importPublicKey(pair.publicKey());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        byte[] message = randomBytes(i * 7);
                        byte[] signature = ed().sign(key, message);
                        if (!ed().verify(pub, message, signature) || ed().verify(pub, concat(message, new byte[1]), signature)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).as("sign and verify from 8 threads at once").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code verify}, asserting it returned instead of throwing. */
    final boolean verifyQuietly(Ed25519PublicKey key, byte[] message, byte[] signature) {
        boolean[] result = new boolean[1];
        Throwable t = catchThrowable(() -> result[0] = ed().verify(key, message, signature));
        assertThat(t).as("verify must return false, not throw, for a signature of %d bytes", signature.length).isNull();
        return result[0];
    }

    /** S of a signature: its last 32 bytes, little-endian. */
    static BigInteger s(byte[] signature) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = signature[63 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** A copy of {@code signature} with S replaced (little-endian, 32 bytes; S must be below 2^256). */
    static byte[] withS(byte[] signature, BigInteger s) {
        byte[] out = signature.clone();
        byte[] bigEndian = s.toByteArray();
        Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[32 + i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
