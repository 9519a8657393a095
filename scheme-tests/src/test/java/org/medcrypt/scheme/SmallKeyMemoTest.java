package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.internal.keys.CacheAccess;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * The pair-key cache memoises opened small keys (see {@code KeyCache}). A memoised value must
 * never answer a read that decryption would refuse: not once its pair key is no longer trusted,
 * not for a modified value, not for a value moved to another entity. Each test first fills the
 * memo by reading, then changes the store under the same cache.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Suite.class)
class SmallKeyMemoTest {

    @Parameter
    Suite suite;

    private final CryptoProvider provider = TestParties.provider("jca");
    private final PairKeyCache cache = PairKeyCache.create();

    private DelegationService a(EntityStore store) {
        return TestParties.as("A", provider, store, builder -> builder.suite(suite));
    }

    private DelegationService b(EntityStore store) {
        return TestParties.as("B", provider, store, builder -> builder.suite(suite).pairKeyCache(cache));
    }

    private static ObjectNode document(String id) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put("note", "the note of " + id);
        return node;
    }

    /** Two patients of A shared with B; B has read both (the memo holds their small keys). */
    private EntityStore sharedAndRead() {
        EntityStore store = TestParties.newStore();
        DelegationService a = a(store);
        for (String id : List.of("p1", "p2")) {
            a.shareWith(a.createPatient(document(id)), "B");
        }
        DelegationService b = b(store);
        for (String id : List.of("p1", "p2")) {
            assertThat(b.decrypt(store.patient(id).orElseThrow()).field("note").orElseThrow().asText())
                    .isEqualTo("the note of " + id);
            assertThat(b.secretForeignKeys(store.patient(id).orElseThrow())).hasSize(1);
        }
        assertThat(CacheAccess.of(cache).openedSmallKeys()).isGreaterThanOrEqualTo(4);
        return store;
    }

    @Test
    void aMemoisedValueIsNotReadOnceItsPairKeyIsNoLongerTrusted() {
        EntityStore store = sharedAndRead();
        // the store publishes another signing key for A: A's signature on the pair key A→B fails
        HealthcareParty forgedA = store.party("A").orElseThrow().withSigningKey(signingKeyHexOf("E"));
        store.saveParty(forgedA);

        Patient p1 = store.patient("p1").orElseThrow();
        assertThatThrownBy(() -> b(store).decrypt(p1)).isInstanceOf(DecryptionFailedException.class);
        assertThat(b(store).canRead(p1)).isFalse();
    }

    @Test
    void aModifiedValueIsNotTakenFromTheMemo() {
        EntityStore store = sharedAndRead();
        Patient p1 = store.patient("p1").orElseThrow();
        Delegation key = p1.encryptionKeys().get("B").get(0);
        String value = key.key();
        char last = value.charAt(value.length() - 2);
        String modified = value.substring(0, value.length() - 2) + (last == 'a' ? 'b' : 'a') + value.charAt(value.length() - 1);
        store.save(p1.withDelegationMap(DelegationKind.ENCRYPTION_KEYS,
                Map.of("A", p1.encryptionKeys().get("A"), "B", List.of(new Delegation("A", "B", modified)))));

        assertThatThrownBy(() -> b(store).decrypt(store.patient("p1").orElseThrow()))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aValueMovedToAnotherEntityIsNotTakenFromTheMemo() {
        EntityStore store = sharedAndRead();
        Patient p1 = store.patient("p1").orElseThrow();
        Patient p2 = store.patient("p2").orElseThrow();
        // p1's content key and secret id for B, copied over p2's
        store.save(p2.withDelegationMap(DelegationKind.ENCRYPTION_KEYS,
                        Map.of("A", p2.encryptionKeys().get("A"), "B", p1.encryptionKeys().get("B")))
                .withDelegationMap(DelegationKind.DELEGATIONS,
                        Map.of("A", p2.delegations().get("A"), "B", p1.delegations().get("B"))));

        Patient moved = store.patient("p2").orElseThrow();
        assertThatThrownBy(() -> b(store).decrypt(moved)).isInstanceOf(DecryptionFailedException.class);
        assertThat(b(store).canRead(moved)).isFalse();
    }

    @Test
    void clearingTheCacheForgetsTheMemo() {
        sharedAndRead();
        cache.clear();
        assertThat(CacheAccess.of(cache).openedSmallKeys()).isZero();
    }

    @Test
    void oneServiceReadsOnAfterTheCacheIsClearedWithItsKeysDestroyed() {
        EntityStore store = sharedAndRead();
        DelegationService b = b(store);
        Patient p1 = store.patient("p1").orElseThrow();
        assertThat(b.decrypt(p1).field("note").orElseThrow().asText()).isEqualTo("the note of p1");
        long rsaBefore = cache.rsaOperations();

        cache.clear(); // destroys every unwrapped pair key, also those the service's memo of A's document holds

        assertThat(b.decrypt(p1).field("note").orElseThrow().asText()).isEqualTo("the note of p1");
        assertThat(cache.rsaOperations()).as("the pair key unwrapped again, not taken destroyed from a memo")
                .isEqualTo(1);
        assertThat(rsaBefore).isPositive();
    }

    @Test
    void theMemoStaysWithinTheCachesCapacity() {
        PairKeyCache small = PairKeyCache.withCapacity(3);
        EntityStore store = TestParties.newStore();
        DelegationService a = a(store);
        List<String> ids = List.of("p1", "p2", "p3", "p4", "p5");
        for (String id : ids) {
            a.shareWith(a.createPatient(document(id)), "B");
        }
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.suite(suite).pairKeyCache(small));
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                assertThat(b.decrypt(store.patient(id).orElseThrow()).field("note").orElseThrow().asText())
                        .isEqualTo("the note of " + id);
                assertThat(CacheAccess.of(small).openedSmallKeys()).isLessThanOrEqualTo(3);
            }
        }
    }

    private String signingKeyHexOf(String party) {
        return DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(party), TestParties.signingPkcs8(party)))
                .currentSigningKey().orElseThrow().publicKeyHex();
    }
}
