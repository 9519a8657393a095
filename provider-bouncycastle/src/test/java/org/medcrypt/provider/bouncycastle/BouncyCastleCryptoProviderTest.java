package org.medcrypt.provider.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.Suite;

class BouncyCastleCryptoProviderTest {

    @Test
    void serviceLoaderFindsIt() {
        assertThat(ServiceLoader.load(CryptoProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("bouncycastle"))
                .findFirst())
                .get().isInstanceOf(BouncyCastleCryptoProvider.class);
    }

    @Test
    void describesItself() {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        assertThat(provider.id()).isEqualTo("bouncycastle");
        assertThat(provider.priority()).isEqualTo(200);
        assertThat(provider.availability().isAvailable()).isTrue();
        assertThat(provider.suites()).containsExactlyInAnyOrder(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
        assertThat(provider.library()).startsWith("Bouncy Castle LTS 2.");
        assertThat(provider.version()).startsWith("0.1.0");
        assertThat(provider.version()).contains(provider.library());
        assertThat(provider.primitives().stream().map(PrimitiveInfo::primitive).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(Primitive.class));
        assertThat(provider.primitives()).allMatch(PrimitiveInfo::nativeToLibrary);
    }

    @Test
    void showsWhichAesEngineIsActive() {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        String gcmEngine = GCMBlockCipher.newInstance(AESEngine.newInstance()).getClass().getSimpleName();
        PrimitiveInfo gcm = provider.primitives().stream()
                .filter(p -> p.primitive() == Primitive.AES_GCM).findFirst().orElseThrow();
        assertThat(gcm.implementation()).isEqualTo(gcmEngine);
        assertThat(provider.library()).contains(provider.nativeAes() ? "native AES: yes" : "native AES: no");
        if (provider.nativeAes()) {
            assertThat(gcmEngine).isEqualTo("AESNativeGCM");
        }
        System.out.println("[bouncycastle] " + provider.version());
        provider.primitives().forEach(p -> System.out.println("[bouncycastle]   " + p));
    }

    @Test
    void ed25519AndHkdfAreBouncyCastlesOwn() throws Exception {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        assertThat(provider.primitives()).filteredOn(p -> p.primitive() == Primitive.ED25519).singleElement()
                .satisfies(p -> assertThat(p.implementation()).startsWith("Ed25519Signer, Ed25519KeyPairGenerator"));
        assertThat(provider.primitives()).filteredOn(p -> p.primitive() == Primitive.HKDF_SHA256).singleElement()
                .satisfies(p -> assertThat(p.implementation()).startsWith("HKDFBytesGenerator over HMac(SHA256"));
        // RFC 8032 section 7.1, TEST 2
        var key = provider.ed25519().importPrivateKey(
                java.util.HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        assertThat(java.util.HexFormat.of().formatHex(key.publicKey()))
                .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        assertThat(java.util.HexFormat.of().formatHex(provider.ed25519().sign(key, new byte[] {0x72})))
                .isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        // Bouncy Castle refuses a value that is no point already on import
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.ed25519().importPublicKey(notAPoint))
                .isInstanceOf(java.security.InvalidKeyException.class);
    }

    /** Not an assertion: prints rough throughput so a person can see native AES at work. */
    @Test
    void printsRoughThroughput() throws Exception {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        AesKey key = provider.aesKeys().importKey(provider.aesKeys().generate(256));
        byte[] pt = new byte[1 << 20];
        byte[] aad = new byte[0];
        byte[] gcmCt = provider.aesGcm().encrypt(key, pt, aad);
        byte[] cbcCt = provider.aesCbc().encrypt(key, pt);
        for (int round = 0; round < 3; round++) {
            int n = 50;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                provider.aesGcm().encrypt(key, pt, aad);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                provider.aesGcm().decrypt(key, gcmCt, aad);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                provider.aesCbc().decrypt(key, cbcCt);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                provider.aesCbc().encrypt(key, pt);
            }
            long t4 = System.nanoTime();
            double mb = n * (double) pt.length / 1e6;
            System.out.printf("[bouncycastle] 1 MiB MB/s round %d: GCM enc %.0f, GCM dec %.0f, CBC dec %.0f, CBC enc %.0f%n",
                    round, mb / ((t1 - t0) / 1e9), mb / ((t2 - t1) / 1e9), mb / ((t3 - t2) / 1e9),
                    mb / ((t4 - t3) / 1e9));
        }
    }
}
