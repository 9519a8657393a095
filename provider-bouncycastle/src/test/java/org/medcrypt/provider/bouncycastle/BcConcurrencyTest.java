package org.medcrypt.provider.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.AesKey;

class BcConcurrencyTest {

    @Test
    void oneProviderAndKeyServeManyThreads() throws Exception {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        AesKey key = provider.aesKeys().importKey(provider.aesKeys().generate(256));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Callable<Boolean> task = () -> {
                    for (int i = 0; i < 300; i++) {
                        byte[] pt = provider.random().bytes(i * 7);
                        byte[] aad = provider.random().bytes(i % 5);
                        if (!java.util.Arrays.equals(pt, provider.aesGcm().decrypt(key, provider.aesGcm().encrypt(key, pt, aad), aad))
                                || !java.util.Arrays.equals(pt, provider.aesCbc().decrypt(key, provider.aesCbc().encrypt(key, pt)))) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeRandomRequestsAreServed() {
        BouncyCastleCryptoProvider provider = BouncyCastleCryptoProvider.create();
        byte[] big = provider.random().bytes(100_000);
        // the chunked path fills every chunk (a zero tail would mean a chunk was skipped)
        int zeros = 0;
        for (int i = big.length - 1000; i < big.length; i++) {
            zeros += big[i] == 0 ? 1 : 0;
        }
        assertThat(zeros).isLessThan(30);
    }
}
