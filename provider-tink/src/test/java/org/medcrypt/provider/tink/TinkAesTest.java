package org.medcrypt.provider.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.medcrypt.spi.AesKeys;

class TinkAesTest {

    private final TinkCryptoProvider provider = TinkCryptoProvider.create();
    private final AesKeys keys = provider.aesKeys();
    private final AesGcm gcm = provider.aesGcm();
    private final AesCbc cbc = provider.aesCbc();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- keys

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void generatesAndImportsKeys(int bits) throws Exception {
        byte[] raw = keys.generate(bits);
        assertThat(raw).hasSize(bits / 8);
        AesKey key = keys.importKey(raw);
        assertThat(key.sizeInBits()).isEqualTo(bits);
        Arrays.fill(raw, (byte) 0); // the handle keeps its own copy
        byte[] ct = gcm.encrypt(key, bytes("x"), new byte[0]);
        assertThat(gcm.decrypt(key, ct, new byte[0])).isEqualTo(bytes("x"));
    }

    @Test
    void refusesBadKeySizes() {
        for (int bits : new int[] {0, 64, 127, 129, 512}) {
            assertThatThrownBy(() -> keys.generate(bits)).isInstanceOf(GeneralSecurityException.class);
        }
        for (int length : new int[] {0, 8, 15, 17, 31, 33, 64}) {
            assertThatThrownBy(() -> keys.importKey(new byte[length])).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void keyHandleRedactsAndDestroys() throws Exception {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 0x41);
        AesKey key = keys.importKey(raw);
        assertThat(key.toString()).doesNotContain("41").doesNotContain("AAAA").contains("redacted");
        assertThat(key.isDestroyed()).isFalse();
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> gcm.encrypt(key, bytes("x"), new byte[0])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cbc.encrypt(key, bytes("x"))).isInstanceOf(GeneralSecurityException.class);
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
        assertThatThrownBy(() -> gcm.encrypt(foreign, bytes("x"), new byte[0])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cbc.encrypt(foreign, bytes("x"))).isInstanceOf(GeneralSecurityException.class);
    }

    // ---- GCM

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void gcmRoundTripsAndMatchesJdk(int bits) throws Exception {
        byte[] raw = keys.generate(bits);
        AesKey key = keys.importKey(raw);
        SecretKeySpec jdkKey = new SecretKeySpec(raw, "AES");
        for (int length : new int[] {0, 1, 15, 16, 17, 1000, 65536}) {
            byte[] pt = provider.random().bytes(length);
            for (byte[] aad : new byte[][] {new byte[0], bytes("patient/42")}) {
                byte[] out = gcm.encrypt(key, pt, aad);
                assertThat(out).hasSize(12 + length + 16);
                assertThat(gcm.decrypt(key, out, aad)).isEqualTo(pt);

                // ours → JDK
                Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
                jdk.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, out, 0, 12));
                jdk.updateAAD(aad);
                assertThat(jdk.doFinal(out, 12, out.length - 12)).isEqualTo(pt);

                // JDK → ours
                byte[] nonce = provider.random().bytes(12);
                jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
                jdk.updateAAD(aad);
                byte[] jdkCt = jdk.doFinal(pt);
                assertThat(gcm.decryptWithNonce(key, nonce, jdkCt, aad)).isEqualTo(pt);
                assertThat(gcm.encryptWithNonce(key, nonce, pt, aad)).isEqualTo(jdkCt);
                byte[] framed = new byte[12 + jdkCt.length];
                System.arraycopy(nonce, 0, framed, 0, 12);
                System.arraycopy(jdkCt, 0, framed, 12, jdkCt.length);
                assertThat(gcm.decrypt(key, framed, aad)).isEqualTo(pt);
            }
        }
    }

    @Test
    void gcmKnownAnswer() throws Exception {
        // NIST GCM test case 2 (AES-128, zero key, zero nonce, one zero block)
        HexFormat hex = HexFormat.of();
        AesKey key = keys.importKey(new byte[16]);
        byte[] ct = gcm.encryptWithNonce(key, new byte[12], new byte[16], new byte[0]);
        assertThat(hex.formatHex(ct))
                .isEqualTo("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf");
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void gcmSameExplicitNonceTwiceGivesSameOutput(int bits) throws Exception {
        // The JDK refuses to re-init a GCM Cipher with the previous key and nonce; test vectors do that.
        AesKey key = keys.importKey(keys.generate(bits));
        byte[] nonce = new byte[12];
        byte[] a = gcm.encryptWithNonce(key, nonce, bytes("same"), new byte[0]);
        byte[] b = gcm.encryptWithNonce(key, nonce, bytes("same"), new byte[0]);
        assertThat(a).isEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void gcmRejectsTamperingWithOneMessage(int bits) throws Exception {
        AesKey key = keys.importKey(keys.generate(bits));
        AesKey other = keys.importKey(keys.generate(bits));
        byte[] aad = bytes("aad");
        byte[] out = gcm.encrypt(key, bytes("secret plaintext"), aad);
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            byte[] bad = out.clone();
            bad[i] ^= 1;
            failures.add(catchFailure(() -> gcm.decrypt(key, bad, aad)));
        }
        failures.add(catchFailure(() -> gcm.decrypt(key, out, bytes("aaD"))));
        failures.add(catchFailure(() -> gcm.decrypt(key, out, new byte[0])));
        failures.add(catchFailure(() -> gcm.decrypt(other, out, aad)));
        failures.add(catchFailure(() -> gcm.decrypt(key, Arrays.copyOf(out, out.length - 1), aad)));
        failures.add(catchFailure(() -> gcm.decrypt(key, Arrays.copyOf(out, 27), aad)));
        failures.add(catchFailure(() -> gcm.decrypt(key, new byte[0], aad)));
        failures.add(catchFailure(() -> gcm.decryptWithNonce(key, new byte[12], new byte[15], aad)));
        assertThat(failures).allSatisfy(t -> {
            assertThat(t).isExactlyInstanceOf(GeneralSecurityException.class);
            assertThat(t.getMessage()).isEqualTo("AES-GCM decryption failed");
        });
    }

    @Test
    void gcmRefusesOtherNonceLengths() throws Exception {
        AesKey key = keys.importKey(keys.generate(256));
        for (int length : new int[] {0, 8, 11, 13, 16}) {
            assertThatThrownBy(() -> gcm.encryptWithNonce(key, new byte[length], bytes("x"), new byte[0]))
                    .isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> gcm.decryptWithNonce(key, new byte[length], new byte[32], new byte[0]))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void gcmNoncesAreFresh() throws Exception {
        AesKey key = keys.importKey(keys.generate(128));
        byte[] a = gcm.encrypt(key, bytes("x"), new byte[0]);
        byte[] b = gcm.encrypt(key, bytes("x"), new byte[0]);
        assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
    }

    // ---- CBC

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void cbcRoundTripsAndMatchesJdk(int bits) throws Exception {
        byte[] raw = keys.generate(bits);
        AesKey key = keys.importKey(raw);
        SecretKeySpec jdkKey = new SecretKeySpec(raw, "AES");
        for (int length : new int[] {0, 1, 15, 16, 17, 1000, 65536}) {
            byte[] pt = provider.random().bytes(length);
            byte[] out = cbc.encrypt(key, pt);
            assertThat(out).hasSize(16 + (length / 16 + 1) * 16);
            assertThat(cbc.decrypt(key, out)).isEqualTo(pt);

            // ours → JDK
            Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
            jdk.init(Cipher.DECRYPT_MODE, jdkKey, new IvParameterSpec(out, 0, 16));
            assertThat(jdk.doFinal(out, 16, out.length - 16)).isEqualTo(pt);

            // JDK → ours
            byte[] iv = provider.random().bytes(16);
            jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(iv));
            byte[] jdkCt = jdk.doFinal(pt);
            assertThat(cbc.decrypt(key, iv, jdkCt)).isEqualTo(pt);
            assertThat(cbc.encrypt(key, iv, pt)).isEqualTo(jdkCt);
            byte[] framed = new byte[16 + jdkCt.length];
            System.arraycopy(iv, 0, framed, 0, 16);
            System.arraycopy(jdkCt, 0, framed, 16, jdkCt.length);
            assertThat(cbc.decrypt(key, framed)).isEqualTo(pt);
        }
    }

    @Test
    void cbcEmptyPlaintextRoundTrips() throws Exception {
        AesKey key = keys.importKey(keys.generate(256));
        byte[] out = cbc.encrypt(key, new byte[0]);
        assertThat(out).hasSize(32);
        assertThat(cbc.decrypt(key, out)).isEmpty();
    }

    @Test
    void cbcFailuresShareOneMessage() throws Exception {
        AesKey key = keys.importKey(keys.generate(256));
        AesKey other = keys.importKey(keys.generate(256));
        byte[] out = cbc.encrypt(key, bytes("sixteen bytes!!!"));
        List<Throwable> failures = new ArrayList<>();
        failures.add(catchFailure(() -> cbc.decrypt(key, new byte[0])));
        failures.add(catchFailure(() -> cbc.decrypt(key, new byte[16])));
        failures.add(catchFailure(() -> cbc.decrypt(key, new byte[31])));
        failures.add(catchFailure(() -> cbc.decrypt(key, Arrays.copyOf(out, out.length - 1))));
        failures.add(catchFailure(() -> cbc.decrypt(key, new byte[16], new byte[0])));
        failures.add(catchFailure(() -> cbc.decrypt(key, new byte[16], new byte[17])));
        // a bad last block almost surely has bad padding; 20 tries make a pass by luck negligible
        int paddingFailures = 0;
        for (int i = 0; i < 20; i++) {
            byte[] bad = out.clone();
            bad[bad.length - 1 - i % 16] ^= (byte) (0x55 + i);
            bad[16 + i % 16] ^= 1;
            try {
                cbc.decrypt(other, bad);
            } catch (GeneralSecurityException e) {
                failures.add(e);
                paddingFailures++;
            }
        }
        assertThat(paddingFailures).isGreaterThan(10);
        assertThat(failures).allSatisfy(t -> {
            assertThat(t).isExactlyInstanceOf(GeneralSecurityException.class);
            assertThat(t.getMessage()).isEqualTo("AES-CBC decryption failed");
        });
    }

    @Test
    void cbcRefusesOtherIvLengths() throws Exception {
        AesKey key = keys.importKey(keys.generate(128));
        for (int length : new int[] {0, 12, 15, 17, 32}) {
            assertThatThrownBy(() -> cbc.encrypt(key, new byte[length], bytes("x")))
                    .isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> cbc.decrypt(key, new byte[length], new byte[16]))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void concurrentUseIsSafe() throws Exception {
        AesKey key = keys.importKey(keys.generate(256));
        AesKey key192 = keys.importKey(keys.generate(192));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        byte[] pt = provider.random().bytes(i);
                        byte[] aad = provider.random().bytes(i % 7);
                        assertThat(gcm.decrypt(key, gcm.encrypt(key, pt, aad), aad)).isEqualTo(pt);
                        assertThat(gcm.decrypt(key192, gcm.encrypt(key192, pt, aad), aad)).isEqualTo(pt);
                        assertThat(cbc.decrypt(key, cbc.encrypt(key, pt))).isEqualTo(pt);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Failing {
        Object run() throws Exception;
    }

    static Throwable catchFailure(Failing failing) {
        try {
            failing.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }
}
