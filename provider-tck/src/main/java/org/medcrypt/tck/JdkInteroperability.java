package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.OaepParameters;

/**
 * Cross-checks against the kit's own {@code javax.crypto} implementation ({@link JdkCiphers}):
 * what the provider writes the JDK reads, and the other way round — AES and RSA-OAEP on SunJCE and
 * SunRsaSign, Ed25519 keys and signatures on SunEC, HKDF on SunJCE's {@code HmacSHA256}. This is
 * what makes the provider's output standard, not just self-consistent.
 */
public abstract class JdkInteroperability extends ConformanceSection {

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 192, 256})
    void aesCbcBothWays(int bits) throws GeneralSecurityException {
        byte[] raw = p().aesKeys().generate(bits);
        AesKey key = p().aesKeys().importKey(raw);
        for (int length : new int[] {0, 1, 15, 16, 17, 1024, 70_000}) {
            byte[] pt = randomBytes(length);
            byte[] out = p().aesCbc().encrypt(key, pt);
            assertThat(JdkCiphers.aesCbc(Cipher.DECRYPT_MODE, raw, slice(out, 0, 16), slice(out, 16, out.length)))
                    .as("JDK decrypts the provider's %d bytes", length)
                    .isEqualTo(pt);
            byte[] iv = randomBytes(16);
            byte[] jdk = JdkCiphers.aesCbc(Cipher.ENCRYPT_MODE, raw, iv, pt);
            assertThat(p().aesCbc().decrypt(key, concat(iv, jdk))).as("provider decrypts the JDK's %d bytes", length).isEqualTo(pt);
            assertThat(p().aesCbc().decrypt(key, iv, jdk)).isEqualTo(pt);
            assertThat(p().aesCbc().encrypt(key, iv, pt)).as("same IV, same ciphertext as the JDK").isEqualTo(jdk);
        }
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 192, 256})
    void aesGcmBothWays(int bits) throws GeneralSecurityException {
        byte[] raw = p().aesKeys().generate(bits);
        AesKey key = p().aesKeys().importKey(raw);
        for (int length : new int[] {0, 1, 15, 16, 17, 1024, 70_000}) {
            for (byte[] aad : new byte[][] {new byte[0], randomBytes(13)}) {
                byte[] pt = randomBytes(length);
                byte[] out = p().aesGcm().encrypt(key, pt, aad);
                assertThat(JdkCiphers.aesGcm(Cipher.DECRYPT_MODE, raw, slice(out, 0, 12), slice(out, 12, out.length), aad))
                        .as("JDK decrypts the provider's %d bytes, %d bytes of AAD", length, aad.length)
                        .isEqualTo(pt);
                byte[] nonce = randomBytes(12);
                byte[] jdk = JdkCiphers.aesGcm(Cipher.ENCRYPT_MODE, raw, nonce, pt, aad);
                assertThat(p().aesGcm().decrypt(key, concat(nonce, jdk), aad))
                        .as("provider decrypts the JDK's %d bytes, %d bytes of AAD", length, aad.length)
                        .isEqualTo(pt);
                assertThat(p().aesGcm().decryptWithNonce(key, nonce, jdk, aad)).isEqualTo(pt);
                assertThat(p().aesGcm().encryptWithNonce(key, nonce, pt, aad)).as("same nonce, same output as the JDK").isEqualTo(jdk);
            }
        }
    }

    @Test
    void aesOfMoreThan8MiBBothWays() throws GeneralSecurityException {
        byte[] raw = randomBytes(32);
        AesKey key = p().aesKeys().importKey(raw);
        byte[] pt = randomBytes(AesCbcConformance.LARGE);
        byte[] gcm = p().aesGcm().encrypt(key, pt, new byte[0]);
        assertThat(JdkCiphers.aesGcm(Cipher.DECRYPT_MODE, raw, slice(gcm, 0, 12), slice(gcm, 12, gcm.length), new byte[0]))
                .isEqualTo(pt);
        byte[] cbc = p().aesCbc().encrypt(key, pt);
        assertThat(JdkCiphers.aesCbc(Cipher.DECRYPT_MODE, raw, slice(cbc, 0, 16), slice(cbc, 16, cbc.length))).isEqualTo(pt);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OaepParameters.class)
    void rsaOaepWithProviderKeysBothWays(OaepParameters params) throws GeneralSecurityException {
        EncodedRsaKeyPair pair = RsaKeys.ofProvider(p(), 2048);
        PublicKey jdkPublic = JdkCiphers.rsaPublic(pair.spki());
        PrivateKey jdkPrivate = JdkCiphers.rsaPrivate(pair.pkcs8());
        checkOaepBothWays(params, pair.spki(), pair.pkcs8(), jdkPublic, jdkPrivate, 2048);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OaepParameters.class)
    void rsaOaepWithJdkKeysBothWays(OaepParameters params) throws GeneralSecurityException {
        for (int bits : new int[] {2048, 3072}) {
            KeyPair pair = RsaKeys.ofJdk(bits);
            checkOaepBothWays(
                    params, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), pair.getPublic(), pair.getPrivate(), bits);
        }
    }

    @Test
    void ed25519WithProviderKeysBothWays() throws GeneralSecurityException {
        EncodedEd25519KeyPair pair = p().ed25519().generateKeyPair();
        PublicKey jdkPublic = JdkCiphers.ed25519Public(pair.publicKey());
        PrivateKey jdkPrivate = JdkCiphers.ed25519Private(pair.seed());
        checkEd25519BothWays(pair.publicKey(), pair.seed(), jdkPublic, jdkPrivate);
    }

    @Test
    void ed25519WithJdkKeysBothWays() throws GeneralSecurityException {
        for (int i = 0; i < 3; i++) {
            KeyPair pair = JdkCiphers.generateEd25519();
            byte[] publicKey = JdkCiphers.rawEd25519Public(pair.getPublic());
            byte[] seed = JdkCiphers.ed25519Seed(pair.getPrivate());
            assertThat(p().ed25519().importPrivateKey(seed).publicKey())
                    .as("the provider derives the JDK's public key from the JDK's seed")
                    .isEqualTo(publicKey);
            checkEd25519BothWays(publicKey, seed, pair.getPublic(), pair.getPrivate());
        }
    }

    private void checkEd25519BothWays(byte[] publicKey, byte[] seed, PublicKey jdkPublic, PrivateKey jdkPrivate)
            throws GeneralSecurityException {
        Ed25519PublicKey pub = p().ed25519().importPublicKey(publicKey);
        Ed25519PrivateKey priv = p().ed25519().importPrivateKey(seed);
        for (int length : new int[] {0, 1, 32, 1000}) {
            byte[] message = randomBytes(length);
            byte[] signature = p().ed25519().sign(priv, message);
            assertThat(JdkCiphers.ed25519Verify(jdkPublic, message, signature))
                    .as("the JDK verifies the provider's signature of %d bytes", length)
                    .isTrue();
            byte[] jdk = JdkCiphers.ed25519Sign(jdkPrivate, message);
            assertThat(p().ed25519().verify(pub, message, jdk))
                    .as("the provider verifies the JDK's signature of %d bytes", length)
                    .isTrue();
            assertThat(signature).as("same key and message, same signature as the JDK (RFC 8032 is deterministic)")
                    .isEqualTo(jdk);
        }
    }

    @Test
    void hkdfMatchesTheKitsOwnHkdfOnJdkHmac() throws GeneralSecurityException {
        for (int length : new int[] {1, 16, 31, 32, 33, 64, 100, 1000, Hkdf.MAX_OUTPUT_LENGTH}) {
            for (int saltLength : new int[] {0, 16, 32, 64, 100}) {
                byte[] ikm = randomBytes(length % 70);
                byte[] salt = randomBytes(saltLength);
                byte[] info = randomBytes(length % 13);
                assertThat(p().hkdf().sha256(ikm, salt, info, length))
                        .as("%d bytes, %d bytes of IKM, %d of salt, %d of info", length, ikm.length, salt.length, info.length)
                        .isEqualTo(JdkCiphers.hkdfSha256(ikm, salt, info, length));
            }
        }
    }

    private void checkOaepBothWays(
            OaepParameters params, byte[] spki, byte[] pkcs8, PublicKey jdkPublic, PrivateKey jdkPrivate, int bits)
            throws GeneralSecurityException {
        var pub = p().rsaOaep().importPublicKey(spki);
        var priv = p().rsaOaep().importPrivateKey(pkcs8);
        for (byte[] label : new byte[][] {new byte[0], RsaOaepConformance.LABEL}) {
            for (int length : new int[] {0, 32, params.maxPlaintextLength(bits)}) {
                byte[] pt = randomBytes(length);
                byte[] ct = p().rsaOaep().encrypt(pub, params, pt, label);
                assertThat(JdkCiphers.oaepDecrypt(jdkPrivate, params, ct, label))
                        .as("JDK decrypts the provider's %s, %d bytes, label of %d bytes", params, length, label.length)
                        .isEqualTo(pt);
                byte[] jdk = JdkCiphers.oaepEncrypt(jdkPublic, params, pt, label);
                assertThat(p().rsaOaep().decrypt(priv, params, jdk, label))
                        .as("provider decrypts the JDK's %s, %d bytes, label of %d bytes", params, length, label.length)
                        .isEqualTo(pt);
            }
        }
    }
}
