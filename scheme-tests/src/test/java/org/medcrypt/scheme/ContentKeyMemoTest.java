package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.internal.keys.CacheAccess;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * The pair-key cache keeps each content key that opened an entity made ready (imported for v1,
 * derived for v2; see {@code KeyCache}), so that reading it again costs no key import, derivation
 * or wipe. A kept key must never open what a fresh read would refuse, must be destroyed with the
 * cache, and must not fail a reader when another thread empties the cache under it. The AES key
 * imports are counted at the provider.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Suite.class)
class ContentKeyMemoTest {

    @Parameter
    Suite suite;

    private final CountingProvider provider = new CountingProvider(TestParties.provider("jca"));
    private final PairKeyCache cache = PairKeyCache.create();
    private EntityStore store;

    private DelegationService a() {
        return TestParties.as("A", provider, store, builder -> builder.suite(suite));
    }

    private DelegationService b() {
        return TestParties.as("B", provider, store, builder -> builder.suite(suite).pairKeyCache(cache));
    }

    private static ObjectNode document(String id) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put("note", "the note of " + id);
        return node;
    }

    private String noteOf(String id) {
        return b().decrypt(store.patient(id).orElseThrow()).field("note").orElseThrow().asText();
    }

    /** Patients p1..pN of A shared with B, read once by B. */
    private void sharedAndRead(int patients) {
        store = TestParties.newStore();
        DelegationService a = a();
        for (int i = 1; i <= patients; i++) {
            a.shareWith(a.createPatient(document("p" + i)), "B");
        }
        for (int i = 1; i <= patients; i++) {
            assertThat(noteOf("p" + i)).isEqualTo("the note of p" + i);
        }
    }

    @Test
    void readingAnEntityAgainMakesNoContentKey() {
        sharedAndRead(3);
        assertThat(CacheAccess.of(cache).contentKeys()).isEqualTo(3);
        long imports = provider.aesKeyImports();
        for (int round = 0; round < 5; round++) {
            for (int i = 1; i <= 3; i++) {
                assertThat(noteOf("p" + i)).isEqualTo("the note of p" + i);
            }
        }
        assertThat(provider.aesKeyImports()).isEqualTo(imports);
        // a new service with the same cache (as the CLI and the benchmarks make one per command) too
        assertThat(CacheAccess.of(cache).contentKeys()).isEqualTo(3);
    }

    @Test
    void clearingTheCacheDestroysTheKeptKeysAndTheNextReadMakesThemAgain() {
        sharedAndRead(2);
        cache.clear();
        assertThat(CacheAccess.of(cache).contentKeys()).isZero();
        long imports = provider.aesKeyImports();
        assertThat(noteOf("p1")).isEqualTo("the note of p1");
        // one pair key unwrapped again (an import) and one content key made (an import)
        assertThat(provider.aesKeyImports()).isEqualTo(imports + 2);
        assertThat(CacheAccess.of(cache).contentKeys()).isEqualTo(1);
    }

    @Test
    void aFullMemoIsEmptiedAndKeepsWorking() {
        store = TestParties.newStore();
        PairKeyCache small = PairKeyCache.withCapacity(2);
        DelegationService a = a();
        for (int i = 1; i <= 5; i++) {
            a.shareWith(a.createPatient(document("p" + i)), "B");
        }
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.suite(suite).pairKeyCache(small));
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= 5; i++) {
                assertThat(b.decrypt(store.patient("p" + i).orElseThrow()).field("note").orElseThrow().asText())
                        .isEqualTo("the note of p" + i);
                assertThat(CacheAccess.of(small).contentKeys()).isBetween(1, 2);
            }
        }
    }

    @Test
    void aKeptKeyDoesNotOpenAnEncryptedSelfTheStoreReplaced() {
        sharedAndRead(2);
        // the store writes p2's encryptedSelf into p1 (a valid value of the same format, under
        // another content key): the key kept for p1 must not open it, nor must a fresh read
        String other = store.patient("p2").orElseThrow().encryptedSelf().orElseThrow();
        ObjectNode json = store.patient("p1").orElseThrow().toJson();
        json.put("encryptedSelf", other);
        store.save(Dataset.entity(EntityType.PATIENT, json));
        assertThatThrownBy(() -> noteOf("p1")).isExactlyInstanceOf(DecryptionFailedException.class);
        // and junk of the right shape
        ObjectNode junk = store.patient("p1").orElseThrow().toJson();
        String value = junk.get("encryptedSelf").asText();
        junk.put("encryptedSelf", value.substring(0, value.length() - 8) + (value.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA"));
        store.save(Dataset.entity(EntityType.PATIENT, junk));
        assertThatThrownBy(() -> noteOf("p1")).isExactlyInstanceOf(DecryptionFailedException.class);
        assertThat(noteOf("p2")).isEqualTo("the note of p2");
    }

    @Test
    void aKeptKeyIsNotTakenForAnotherEntity() {
        sharedAndRead(2);
        // p1's content key entry and encryptedSelf copied into p2: both formats bind a small key
        // to its entity (v1 by its "entityId:" prefix, v2 by its associated data), so p1's key,
        // kept or not, is never taken for p2
        ObjectNode p1 = store.patient("p1").orElseThrow().toJson();
        ObjectNode p2 = store.patient("p2").orElseThrow().toJson();
        p2.set("encryptionKeys", p1.get("encryptionKeys").deepCopy());
        p2.put("encryptedSelf", p1.get("encryptedSelf").asText());
        store.save(Dataset.entity(EntityType.PATIENT, p2));
        int kept = CacheAccess.of(cache).contentKeys();
        assertThatThrownBy(() -> noteOf("p2")).isInstanceOf(org.medcrypt.MedcryptException.class)
                .isNotInstanceOf(org.medcrypt.FormatException.class);
        assertThat(CacheAccess.of(cache).contentKeys()).isEqualTo(kept);
        assertThat(noteOf("p1")).isEqualTo("the note of p1");
    }

    /**
     * {@code clear()} destroys the pair keys and content keys readers on other threads may be
     * using: a read that failed meanwhile is read again, so none fails.
     */
    @Test
    void readersNeverFailWhileAnotherThreadEmptiesTheCache() throws Exception {
        sharedAndRead(4);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean reading = new AtomicBoolean(true);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    DelegationService b = b();
                    int read = 0;
                    for (int round = 0; round < 300; round++) {
                        for (int i = 1; i <= 4; i++) {
                            Patient patient = store.patient("p" + i).orElseThrow();
                            if (b.decrypt(patient).field("note").orElseThrow().asText().equals("the note of p" + i)) {
                                read++;
                            }
                        }
                    }
                    return read;
                }));
            }
            Future<Integer> clearer = pool.submit(() -> {
                int clears = 0;
                while (reading.get()) {
                    cache.clear();
                    clears++;
                    // about as often as a read that must unwrap its pair keys again takes
                    Thread.sleep(2);
                }
                return clears;
            });
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(2, TimeUnit.MINUTES)).isEqualTo(1_200);
            }
            reading.set(false);
            assertThat(clearer.get(1, TimeUnit.MINUTES)).isPositive();
        } finally {
            reading.set(false);
            pool.shutdownNow();
        }
    }
}
