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
