package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/** What one provider encrypts, every other decrypts: primitive by primitive. */
class PrimitiveInteropTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void aesCbc(String writerId, String readerId) throws GeneralSecurityException {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        for (int bits : new int[] {128, 256}) {
            byte[] raw = writer.aesKeys().generate(bits);
            AesKey writerKey = writer.aesKeys().importKey(raw);
            AesKey readerKey = reader.aesKeys().importKey(raw);
            for (int length : new int[] {0, 1, 16, 40, 4097, 1 << 20}) {
                byte[] plaintext = random(length);
                byte[] ciphertext = writer.aesCbc().encrypt(writerKey, plaintext);
                assertThat(ciphertext).hasSize(16 + (length / 16 + 1) * 16);
                assertThat(reader.aesCbc().decrypt(readerKey, ciphertext)).isEqualTo(plaintext);
            }
        }
    }

    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void aesGcm(String writerId, String readerId) throws GeneralSecurityException {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        byte[] raw = writer.aesKeys().generate(256);
        AesKey writerKey = writer.aesKeys().importKey(raw);
        AesKey readerKey = reader.aesKeys().importKey(raw);
        byte[] aad = "patient/1234/note".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int length : new int[] {0, 1, 16, 4097, 1 << 20}) {
            byte[] plaintext = random(length);
            byte[] ciphertext = writer.aesGcm().encrypt(writerKey, plaintext, aad);
            assertThat(ciphertext).hasSize(12 + length + 16);
            assertThat(reader.aesGcm().decrypt(readerKey, ciphertext, aad)).isEqualTo(plaintext);
            ciphertext[ciphertext.length - 1] ^= 1;
            byte[] tampered = ciphertext;
            assertThatThrownBy(() -> reader.aesGcm().decrypt(readerKey, tampered, aad))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void rsaOaepWithKeysFromTheWriter(String writerId, String readerId) throws GeneralSecurityException {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        EncodedRsaKeyPair pair = writer.rsaOaep().generateKeyPair(2048);
        RsaPublicKey publicKey = writer.rsaOaep().importPublicKey(pair.spki());
        RsaPrivateKey privateKey = reader.rsaOaep().importPrivateKey(pair.pkcs8());
        assertThat(reader.rsaOaep().importPublicKey(pair.spki()).spki()).isEqualTo(pair.spki());
        for (OaepParameters parameters : OaepParameters.values()) {
            byte[] pairKey = random(32);
            byte[] wrapped = writer.rsaOaep().encrypt(publicKey, parameters, pairKey, new byte[0]);
            assertThat(reader.rsaOaep().decrypt(privateKey, parameters, wrapped, new byte[0]))
                    .as(parameters.name()).isEqualTo(pairKey);
            byte[] label = random(8);
            byte[] labelled = writer.rsaOaep().encrypt(publicKey, parameters, pairKey, label);
            assertThat(reader.rsaOaep().decrypt(privateKey, parameters, labelled, label)).isEqualTo(pairKey);
        }
    }
}
