package org.medcrypt.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.Suite;

class KeyCacheTest {

    /** Stands in for a provider's key handle: the cache never looks inside it. Shared with KeyCacheMutationGapsTest. */
    static final class FakeKey implements AesKey {
        boolean destroyed;

        @Override
        public int sizeInBits() {
            return 256;
        }

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }
    }

    private static PairKey key(String owner, String delegate) {
        return new PairKey(new PairKeyId(Suite.V1_ICURE, owner, delegate, new KeyFingerprint("f".repeat(32)), "", "00" + owner + delegate), new FakeKey(), PairKeyTrust.UNSIGNED);
    }

    @Test
    void itEvictsTheLeastRecentlyUsedKeyPastItsCapacity() {
        KeyCache cache = CacheAccess.of(PairKeyCache.withCapacity(2));
        PairKey ab = key("A", "B");
        PairKey ac = key("A", "C");
        cache.put(ab);
        cache.put(ac);
        assertThat(cache.get(ab.id())).contains(ab); // A→B is now the most recent
        cache.put(key("A", "D"));

        assertThat(cache.get(ac.id())).isEmpty();
        assertThat(cache.get(ab.id())).contains(ab);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void clearDestroysKeysAndResetsCounters() {
        KeyCache cache = CacheAccess.of(PairKeyCache.create());
        PairKey ab = key("A", "B");
        cache.put(ab);
        cache.recordRsaOperation();
        cache.clear();
        assertThat(ab.aesKey().isDestroyed()).isTrue();
        assertThat(cache.rsaOperations()).isZero();
        assertThat(cache.size()).isZero();
        assertThat(ab.toString()).contains("<redacted>");
    }

    @Test
    void itIsSafeUnderConcurrentUse() throws Exception {
        KeyCache cache = CacheAccess.of(PairKeyCache.withCapacity(50));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        PairKey k = key("A" + thread, "B" + (i % 100));
                        cache.put(k);
                        cache.get(k.id());
                        cache.recordRsaOperation();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(cache.size()).isEqualTo(50);
        assertThat(cache.rsaOperations()).isEqualTo(20_000);
        assertThat(cache.hits() + cache.misses()).isEqualTo(20_000);
    }

    @Test
    void itRemembersWhichPrivateKeyCannotOpenACopy() {
        KeyCache cache = CacheAccess.of(PairKeyCache.create());
        PairKeyId id = key("A", "B").id();
        KeyFingerprint mine = new KeyFingerprint("a".repeat(32));
        assertThat(cache.isUnopenable(id, mine)).isFalse();
        cache.markUnopenable(id, mine);
        assertThat(cache.isUnopenable(id, mine)).isTrue();
        assertThat(cache.isUnopenable(id, new KeyFingerprint("b".repeat(32)))).isFalse();
        assertThat(cache.get(id)).isEmpty();
    }

    @Test
    void theContentKeyMemoKeepsTheFirstKeyAndDestroysDuplicatesAndWhatItEmpties() {
        KeyCache cache = CacheAccess.of(PairKeyCache.withCapacity(2));
        FakeKey first = new FakeKey();
        ContentKey kept = cache.rememberContentKey("read 1", new ContentKey(first, new byte[0]));
        FakeKey duplicate = new FakeKey();
        // two threads made a key for the same read: one is kept, the other destroyed
        assertThat(cache.rememberContentKey("read 1", new ContentKey(duplicate, new byte[0]))).isSameAs(kept);
        assertThat(duplicate.isDestroyed()).isTrue();
        assertThat(first.isDestroyed()).isFalse();
        assertThat(cache.contentKey("read 1")).isSameAs(kept);
        FakeKey second = new FakeKey();
        cache.rememberContentKey("read 2", new ContentKey(second, new byte[0]));
        assertThat(cache.contentKeys()).isEqualTo(2);
        // full: emptied, and what it held destroyed
        FakeKey third = new FakeKey();
        cache.rememberContentKey("read 3", new ContentKey(third, new byte[0]));
        assertThat(first.isDestroyed()).isTrue();
        assertThat(second.isDestroyed()).isTrue();
        assertThat(cache.contentKey("read 1")).isNull();
        assertThat(cache.contentKeys()).isEqualTo(1);
        cache.clear();
        assertThat(third.isDestroyed()).isTrue();
        assertThat(cache.contentKeys()).isZero();
        assertThat(new ContentKey(new FakeKey(), new byte[] {1}).toString()).contains("<redacted>");
    }

    @Test
    void aContentKeyIsBoundToTheBytesItWasMadeFor() {
        ContentKey key = new ContentKey(new FakeKey(), new byte[] {1, 2, 3});
        assertThat(key.boundTo(new byte[] {9, 1, 2, 3}, 1, 3)).isTrue();
        assertThat(key.boundTo(new byte[] {9, 1, 2, 4}, 1, 3)).isFalse();
        assertThat(key.boundTo(new byte[] {1, 2, 3, 4}, 0, 4)).isFalse();
        assertThat(key.boundTo(new byte[] {1, 2}, 1, 3)).isFalse();
        assertThat(key.boundTo(new byte[] {1, 2, 3}, -1, 3)).isFalse();
        assertThat(new ContentKey(new FakeKey(), new byte[0]).boundTo(new byte[] {1}, 0, 0)).isTrue();
    }

    @Test
    void aCacheNeedsRoom() {
        assertThatThrownBy(() -> PairKeyCache.withCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
