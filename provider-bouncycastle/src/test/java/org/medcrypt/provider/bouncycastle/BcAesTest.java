package org.medcrypt.provider.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

class BcAesTest {

    private static final int[] SIZES = {0, 1, 15, 16, 17, 31, 32, 33, 1000, 4096, 65_537, 1 << 20};

    private final BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
    private final AesCbc cbc = provider.aesCbc();
    private final AesGcm gcm = provider.aesGcm();

    private byte[] bytes(int n) {
        return provider.random().bytes(n);
    }

    // ---- keys

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void generatesAndImportsKeys(int bits) throws Exception {
        byte[] raw = provider.aesKeys().generate(bits);
        assertThat(raw).hasSize(bits / 8);
        AesKey key = provider.aesKeys().importKey(raw);
        assertThat(key.sizeInBits()).isEqualTo(bits);
        Arrays.fill(raw, (byte) 0);
        byte[] pt = bytes(100);
        // the handle kept its own copy: still usable after the caller wiped raw
        assertThat(cbc.decrypt(key, cbc.encrypt(key, pt))).isEqualTo(pt);
    }

    @Test
    void refusesBadKeySizes() {
        assertThatThrownBy(() -> provider.aesKeys().generate(512)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> provider.aesKeys().generate(0)).isInstanceOf(GeneralSecurityException.class);
        for (int n : new int[] {0, 8, 15, 17, 31, 33, 64}) {
            assertThatThrownBy(() -> provider.aesKeys().importKey(new byte[n]))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void keyToStringRedactsAndDestroyWipes() throws Exception {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 0x5a);
        AesKey key = provider.aesKeys().importKey(raw);
        assertThat(key.toString()).contains("256").doesNotContain("5a").doesNotContain("5A").contains("redacted");
        byte[] ct = gcm.encrypt(key, bytes(10), new byte[0]);
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> gcm.decrypt(key, ct, new byte[0])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cbc.encrypt(key, new byte[1])).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesForeignKeys() {
        AesKey foreign = new AesKey() {
            @Override
            public int sizeInBits() {
                return 128;
            }

            @Override
            public void destroy() {
            }
        };
        assertThatThrownBy(() -> cbc.encrypt(foreign, new byte[1])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> gcm.encrypt(foreign, new byte[1], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // ---- CBC

    @Test
    void cbcRoundTripsAndMatchesTheJdk() throws Exception {
        for (int keyBytes : new int[] {16, 24, 32}) {
            byte[] raw = bytes(keyBytes);
            AesKey key = provider.aesKeys().importKey(raw);
            SecretKeySpec jdkKey = new SecretKeySpec(raw, "AES");
            for (int size : SIZES) {
                byte[] pt = bytes(size);
                byte[] ivAndCt = cbc.encrypt(key, pt);
                assertThat(ivAndCt.length).isEqualTo(16 + (size / 16 + 1) * 16);
                assertThat(cbc.decrypt(key, ivAndCt)).isEqualTo(pt);

                Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
                jdk.init(Cipher.DECRYPT_MODE, jdkKey, new IvParameterSpec(ivAndCt, 0, 16));
                assertThat(jdk.doFinal(ivAndCt, 16, ivAndCt.length - 16)).as("JDK decrypts ours, %d B", size)
                        .isEqualTo(pt);

                byte[] iv = bytes(16);
                jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(iv));
                byte[] jdkCt = jdk.doFinal(pt);
                assertThat(cbc.encrypt(key, iv, pt)).isEqualTo(jdkCt);
                assertThat(cbc.decrypt(key, iv, jdkCt)).as("we decrypt the JDK's, %d B", size).isEqualTo(pt);
            }
        }
    }

    @Test
    void cbcKnownAnswerSp80038a() throws Exception {
        // NIST SP 800-38A F.2.1 CBC-AES128.Encrypt, first two blocks (no padding check: we compare
        // the ciphertext prefix, the padding block follows).
        HexFormat hex = HexFormat.of();
        AesKey key = provider.aesKeys().importKey(hex.parseHex("2b7e151628aed2a6abf7158809cf4f3c"));
        byte[] iv = hex.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] pt = hex.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        byte[] ct = cbc.encrypt(key, iv, pt);
        assertThat(Arrays.copyOf(ct, 32))
                .isEqualTo(hex.parseHex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"));
        assertThat(ct).hasSize(48);
    }

    @Test
    void cbcRejectsBadInputWithOneGenericMessage() throws Exception {
        AesKey key = provider.aesKeys().importKey(bytes(32));
        byte[] good = cbc.encrypt(key, bytes(40));
        byte[][] bad = {
            new byte[0], new byte[16], new byte[31], Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1), Arrays.copyOf(good, 33),
        };
        for (byte[] input : bad) {
            assertThatThrownBy(() -> cbc.decrypt(key, input))
                    .isInstanceOf(GeneralSecurityException.class).hasMessage("AES-CBC decryption failed");
        }
        assertThatThrownBy(() -> cbc.decrypt(key, new byte[16], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class).hasMessage("AES-CBC decryption failed");
        assertThatThrownBy(() -> cbc.encrypt(key, new byte[12], new byte[1])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cbc.decrypt(key, new byte[17], new byte[16])).isInstanceOf(GeneralSecurityException.class);

        // wrong key: almost always a padding failure, always the same message when it fails
        AesKey other = provider.aesKeys().importKey(bytes(32));
        int failures = 0;
        for (int i = 0; i < 50; i++) {
            byte[] ct = cbc.encrypt(key, bytes(i));
            try {
                cbc.decrypt(other, ct);
            } catch (GeneralSecurityException e) {
                assertThat(e).hasMessage("AES-CBC decryption failed");
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(40);
    }

    @Test
    void paddingCheckAgreesWithTheDefinition() {
        byte[] block = new byte[16];
        for (int filler : new int[] {0, 1, 5, 16, 0x77, 0xff}) {
            for (int last = 0; last < 256; last++) {
                for (int fill = 0; fill <= 16; fill++) {
                    Arrays.fill(block, (byte) filler);
                    Arrays.fill(block, 16 - fill, 16, (byte) last);
                    assertThat(BcAesCbc.paddingLength(block)).as("filler=%d last=%d fill=%d", filler, last, fill)
                            .isEqualTo(referencePaddingLength(block));
                }
            }
        }
    }

    private static int referencePaddingLength(byte[] block) {
        int pad = block[15] & 0xff;
        if (pad < 1 || pad > 16) {
            return -1;
        }
        for (int i = 16 - pad; i < 16; i++) {
            if ((block[i] & 0xff) != pad) {
                return -1;
            }
        }
        return pad;
    }

    // ---- GCM

    @Test
    void gcmRoundTripsAndMatchesTheJdk() throws Exception {
        for (int keyBytes : new int[] {16, 24, 32}) {
            byte[] raw = bytes(keyBytes);
            AesKey key = provider.aesKeys().importKey(raw);
            SecretKeySpec jdkKey = new SecretKeySpec(raw, "AES");
            for (int size : SIZES) {
                for (byte[] aad : new byte[][] {new byte[0], bytes(13), bytes(100)}) {
                    byte[] pt = bytes(size);
                    byte[] out = gcm.encrypt(key, pt, aad);
                    assertThat(out.length).isEqualTo(12 + size + 16);
                    assertThat(gcm.decrypt(key, out, aad)).isEqualTo(pt);

                    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
                    jdk.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, out, 0, 12));
                    jdk.updateAAD(aad);
                    assertThat(jdk.doFinal(out, 12, out.length - 12)).as("JDK decrypts ours").isEqualTo(pt);

                    byte[] nonce = bytes(12);
                    jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
                    jdk.updateAAD(aad);
                    byte[] jdkCt = jdk.doFinal(pt);
                    assertThat(gcm.encryptWithNonce(key, nonce, pt, aad)).isEqualTo(jdkCt);
                    assertThat(gcm.decryptWithNonce(key, nonce, jdkCt, aad)).as("we decrypt the JDK's").isEqualTo(pt);
                }
            }
        }
    }

    @Test
    void gcmSameNonceTwiceIsAllowedForTestVectors() throws Exception {
        AesKey key = provider.aesKeys().importKey(bytes(16));
        byte[] nonce = bytes(12);
        byte[] a = gcm.encryptWithNonce(key, nonce, new byte[5], new byte[0]);
        byte[] b = gcm.encryptWithNonce(key, nonce, new byte[5], new byte[0]);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void gcmKnownAnswer() throws Exception {
        // McGrew & Viega GCM test case 3 (AES-128, 96-bit IV, no AAD)
        HexFormat hex = HexFormat.of();
        AesKey key = provider.aesKeys().importKey(hex.parseHex("feffe9928665731c6d6a8f9467308308"));
        byte[] nonce = hex.parseHex("cafebabefacedbaddecaf888");
        byte[] pt = hex.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
        byte[] expected = hex.parseHex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                + "4d5c2af327cd64a62cf35abd2ba6fab4");
        assertThat(gcm.encryptWithNonce(key, nonce, pt, new byte[0])).isEqualTo(expected);
        assertThat(gcm.decryptWithNonce(key, nonce, expected, new byte[0])).isEqualTo(pt);
    }

    @Test
    void gcmRejectsTamperingWithOneGenericMessage() throws Exception {
        AesKey key = provider.aesKeys().importKey(bytes(32));
        byte[] aad = bytes(20);
        byte[] pt = bytes(64);
        byte[] good = gcm.encrypt(key, pt, aad);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> gcm.decrypt(key, bad, aad))
                    .isInstanceOf(GeneralSecurityException.class).hasMessage("AES-GCM decryption failed");
        }
        byte[] badAad = aad.clone();
        badAad[0] ^= 1;
        assertThatThrownBy(() -> gcm.decrypt(key, good, badAad)).hasMessage("AES-GCM decryption failed");
        assertThatThrownBy(() -> gcm.decrypt(key, good, new byte[0])).hasMessage("AES-GCM decryption failed");
        for (int len : new int[] {0, 11, 12, 27, good.length - 1}) {
            assertThatThrownBy(() -> gcm.decrypt(key, Arrays.copyOf(good, len), aad))
                    .isInstanceOf(GeneralSecurityException.class).hasMessage("AES-GCM decryption failed");
        }
        AesKey other = provider.aesKeys().importKey(bytes(32));
        assertThatThrownBy(() -> gcm.decrypt(other, good, aad)).hasMessage("AES-GCM decryption failed");
        assertThatThrownBy(() -> gcm.encryptWithNonce(key, new byte[16], pt, aad))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> gcm.decryptWithNonce(key, new byte[8], good, aad))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
