package org.medcrypt.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.spi.Suite;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed {@link KeyCacheTest} left unchecked: the
 * cache answers a pair key's id only with the key stored under that very id. Every component of
 * the id counts, also those its hash leaves out (the suite, the owner key) and between ids whose
 * hashes collide ("Aa" and "BB" have the same {@code String.hashCode()}): a key unwrapped from one
 * copy must never answer for another.
 */
class KeyCacheMutationGapsTest {

    private static final KeyFingerprint OWNER_KEY = new KeyFingerprint("f".repeat(32));

    private static PairKeyId id(Suite suite, String owner, String delegate, KeyFingerprint ownerKey, String keyId,
            String wrappedCopy) {
        return new PairKeyId(suite, owner, delegate, ownerKey, keyId, wrappedCopy);
    }

    @Test
    void aKeyAnswersOnlyForItsOwnIdEvenWhenAnotherIdHashesAlike() {
        PairKeyId stored = id(Suite.V1_ICURE, "Aa", "Aa", OWNER_KEY, "Aa", "Aa");
        List<PairKeyId> others = List.of(
                id(Suite.V2_GCM_OAEP256, "Aa", "Aa", OWNER_KEY, "Aa", "Aa"),
                id(Suite.V1_ICURE, "Aa", "Aa", new KeyFingerprint("e".repeat(32)), "Aa", "Aa"),
                id(Suite.V1_ICURE, "BB", "Aa", OWNER_KEY, "Aa", "Aa"),
                id(Suite.V1_ICURE, "Aa", "BB", OWNER_KEY, "Aa", "Aa"),
                id(Suite.V1_ICURE, "Aa", "Aa", OWNER_KEY, "BB", "Aa"),
                id(Suite.V1_ICURE, "Aa", "Aa", OWNER_KEY, "Aa", "BB"));
        KeyCache cache = CacheAccess.of(PairKeyCache.create());
        PairKey key = new PairKey(stored, new KeyCacheTest.FakeKey(), PairKeyTrust.UNSIGNED);
        cache.put(key);

        assertThat(cache.get(id(Suite.V1_ICURE, "Aa", "Aa", new KeyFingerprint("f".repeat(32)), "Aa", "Aa")))
                .as("an equal id built anew").containsSame(key);
        for (PairKeyId other : others) {
            assertThat(other.hashCode() == stored.hashCode() || !other.suite().equals(stored.suite())
                    || !other.ownerKey().equals(stored.ownerKey())).as("the test's premise: %s collides", other).isTrue();
            assertThat(other).isNotEqualTo(stored);
            assertThat(cache.get(other)).as("%s", other).isEmpty();
        }
        assertThat(stored).isNotEqualTo("Aa").isEqualTo(stored);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void whatTheCacheHoldsSaysWhichPairKeyButNeverShowsAValueOrAKey() {
        PairKeyId id = id(Suite.V1_ICURE, "A", "B", OWNER_KEY, "", "0123456789abcdef");
        assertThat(id.toString()).contains("A→B", OWNER_KEY.value(), "V1").doesNotContain("0123456789abcdef");

        String contentKey = "5b0e1c51-6d2a-4c1e-9d8e-4f0b6c3a2e71";
        OpenedSmallKey opened = new OpenedSmallKey(id, contentKey);
        assertThat(opened.value()).isEqualTo(contentKey);
        assertThat(opened.pairKey()).isSameAs(id);
        assertThat(opened.toString()).contains("A→B", "<redacted>").doesNotContain(contentKey);

        PairKey key = new PairKey(id, new KeyCacheTest.FakeKey(), PairKeyTrust.SIGNED_OWN);
        assertThat(new PairKeyForSharing(key, Optional.empty(), Optional.empty()).toString())
                .contains("A→B", "<redacted>", "new=false");
        assertThat(new PairKeyForSharing(key, Optional.empty(), Optional.of(HealthcareParty.of("A", "00"))).toString())
                .contains("A→B", "new=true");
    }
}
