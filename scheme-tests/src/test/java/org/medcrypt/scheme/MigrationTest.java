package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.KeyException;
import org.medcrypt.agility.EntityRef;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.MigrationResult;
import org.medcrypt.agility.Skipped;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.json.Dataset;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * {@code migrate --to v2}: every party reads the same entities, with the same content and the same
 * children, before and after (with and without keeping v1); what is migrated holds no v1 value; a
 * second run changes nothing, byte for byte; a failure at any store call changes nothing.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class MigrationTest {

    private static final String COPY = "medcryptEncryptedSelf";

    @Parameter
    String providerId;

    private CryptoProvider provider;
    private EntityStore store;
    private WireFormats formats;

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
        store = AgilityFixture.dataset(provider);
        formats = new WireFormats(provider);
    }

    private DelegationService as(String party) {
        return TestParties.as(party, provider, store);
    }

    @Test
    void everyPartyReadsTheSameAfterMigratingAndNothingMigratedIsV1() {
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);

        MigrationResult result = Migration.toV2(as("A")).run();

        assertThat(result.written()).isTrue();
        assertThat(ids(result.migrated())).containsExactlyInAnyOrder("P1", "P4", "C1", "C2", "F1", "H1");
        assertThat(ids(result.alreadyV2())).containsExactly("P2");
        assertThat(result.skipped()).extracting(s -> s.entity().id()).containsExactlyInAnyOrder("P3", "CB", "C3");
        assertThat(reasonOf(result, "CB")).isEqualTo("not shared with 'A'");
        assertThat(reasonOf(result, "C3")).startsWith("'D' holds it under its own pair key");
        assertThat(ids(result.relinked())).containsExactly("CB"); // B's contact of P1: findable by P1's new secret id
        assertThat(result.delegates().keySet()).containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThat(result.delegates().get("C").entities()).isEqualTo(1);
        assertThat(result.delegates().get("C").newPairKey()).isTrue();
        assertThat(result.delegates().values()).allMatch(outcome -> outcome.succeeded());

        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(before);
        for (String id : List.of("P1", "P4", "C1", "C2", "F1", "H1")) {
            EncryptableEntity<?> entity = entity(id);
            assertThat(values(entity)).as(id).allMatch(value -> formats.ofValue(value).suite() == Suite.V2_GCM_OAEP256);
            assertThat(entity.field(COPY)).isEmpty();
        }
        assertThat(entity("P4").encryptedSelf()).isEmpty();
        assertThat(as("B").decrypt(store.patient("P1").orElseThrow()).suite()).contains(Suite.V2_GCM_OAEP256);
        // C, which read P1 through B's entries, now reads it through A's v2 pair key
        assertThat(as("C").decrypt(store.patient("P1").orElseThrow()).contentKeyOwner()).contains("A");
    }

    @Test
    void aSecondRunChangesNothingByteForByte() {
        Migration.toV2(as("A")).run();
        String once = TestParties.snapshot(store);

        MigrationResult again = Migration.toV2(as("A")).run();

        assertThat(again.written()).isFalse();
        assertThat(again.changes()).isFalse();
        assertThat(again.migrated()).isEmpty();
        assertThat(TestParties.snapshot(store)).isEqualTo(once);
        // and D, which holds C3 under its own key, finishes the job: then all is v2 but D's P3 (v1, unread by A)
        Migration.toV2(as("D")).run();
        assertThat(values(entity("C3"))).allMatch(value -> formats.ofValue(value).suite() == Suite.V2_GCM_OAEP256);
    }

    @Test
    void keepingV1LeavesEveryV1EntryAndEncryptedSelfAsTheyWere() {
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);
        String p1Before = entity("P1").encryptedSelf().orElseThrow();
        List<String> p1V1Values = values(entity("P1"));

        MigrationResult result = Migration.toV2(as("A")).keepingV1().run();

        assertThat(result.keptV1()).isTrue();
        assertThat(ids(result.migrated())).containsExactlyInAnyOrder("P1", "P4", "C1", "C2", "F1", "H1");
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(before);
        EncryptableEntity<?> p1 = entity("P1");
        assertThat(p1.encryptedSelf()).contains(p1Before);
        assertThat(values(p1)).containsAll(p1V1Values);
        assertThat(p1.field(COPY).orElseThrow().asText()).startsWith("mc2:");
        // a medcrypt reader with a v2 content key reads the v2 copy (authenticated), the same fields
        assertThat(as("B").decrypt(store.patient("P1").orElseThrow()).suite()).contains(Suite.V2_GCM_OAEP256);
        // children keep the old secret id beside the new one (iCure's SDK navigates by the old one)
        assertThat(entity("C1").secretForeignKeys()).hasSize(2);

        String once = TestParties.snapshot(store);
        assertThat(Migration.toV2(as("A")).keepingV1().run().written()).isFalse();
        assertThat(TestParties.snapshot(store)).isEqualTo(once);

        // finishing without --keep-v1: no v1 left, the same readable sets
        Migration.toV2(as("A")).run();
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(before);
        assertThat(values(entity("P1"))).allMatch(value -> formats.ofValue(value).suite() == Suite.V2_GCM_OAEP256);
        assertThat(entity("P1").field(COPY)).isEmpty();
        assertThat(entity("C1").secretForeignKeys()).hasSize(1);
    }

    @Test
    void theV2CopyIsReadAloneByReadersWithAV2ContentKeyAndATamperedOneDoesNotFallBack() {
        Migration.toV2(as("A")).keepingV1().run();
        String v1Copy = entity("P1").encryptedSelf().orElseThrow();

        // the store puts the v1 ciphertext where the v2 copy was: refused, not read as v1
        EntityStore swapped = TestParties.copyWith(store, json -> {
            for (var patient : json.withArray("patients")) {
                if (patient.get("id").asText().equals("P1")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) patient).put(COPY, v1Copy);
                }
            }
            return json;
        });
        DelegationService b = TestParties.as("B", provider, swapped);
        assertThatThrownBy(() -> b.decrypt(swapped.patient("P1").orElseThrow()))
                .isInstanceOf(org.medcrypt.DecryptionFailedException.class);

        // the store drops the copy: the v1 one is what is left (the downgrade the README describes), reported as v1
        EntityStore dropped = TestParties.copyWith(store, json -> {
            for (var patient : json.withArray("patients")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) patient).remove(COPY);
            }
            return json;
        });
        assertThat(TestParties.as("B", provider, dropped).decrypt(dropped.patient("P1").orElseThrow()).suite())
                .contains(Suite.V1_ICURE);
    }

    @Test
    void aDelegateNoV2PairKeyCanBeHadWithKeepsItsV1AccessAndItsEntitiesAreSkipped() {
        AgilityFixture.shareUnchecked(as("A"), entity("C1"), "E");
        // E's document now publishes a signing key that did not sign its RSA key: A refuses to wrap a pair key for it
        store = TestParties.copyWith(store, json -> {
            for (var party : json.withArray("healthcareParties")) {
                if (party.get("id").asText().equals("E")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) party).put("medcryptSigningKey", "11".repeat(32));
                }
            }
            return json;
        });
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);

        MigrationResult result = Migration.toV2(as("A")).run();

        assertThat(reasonOf(result, "C1")).startsWith("no v2 pair key can be had with 'E'").endsWith("'E' keeps its v1 access");
        assertThat(result.delegates().get("E").failure()).hasValueSatisfying(reason -> assertThat(reason).contains("not signed"));
        assertThat(result.delegates().get("E").entities()).isZero();
        assertThat(ids(result.migrated())).contains("P1", "H1").doesNotContain("C1");
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(before);
    }

    @Test
    void aStoreThatKeepsChangingGetsAConflictAndNothingChanges() {
        String before = TestParties.snapshot(store);
        EntityStore refusing = new AgilityFixture.FailingStore(store, -1) {
            @Override
            public org.medcrypt.store.UpdateResult apply(org.medcrypt.store.StoreUpdate update) {
                return AgilityFixture.refused(update); // as if another writer always got there first
            }
        };
        assertThatThrownBy(() -> Migration.toV2(TestParties.as("A", provider, refusing)).run())
                .isInstanceOf(org.medcrypt.ConflictException.class).hasMessageContaining("kept changing");
        assertThat(TestParties.snapshot(store)).isEqualTo(before);

        // one lost race: the migration starts again from the stored documents and lands
        int[] refusals = {1};
        EntityStore onceRefusing = new AgilityFixture.FailingStore(store, -1) {
            @Override
            public org.medcrypt.store.UpdateResult apply(org.medcrypt.store.StoreUpdate update) {
                return refusals[0]-- <= 0 ? super.apply(update) : AgilityFixture.refused(update);
            }
        };
        Map<String, Map<String, String>> readable = AgilityFixture.readableSets(provider, store);
        assertThat(Migration.toV2(TestParties.as("A", provider, onceRefusing)).run().written()).isTrue();
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(readable);
    }

    @Test
    void aDryRunWritesNothing() {
        String before = TestParties.snapshot(store);
        MigrationResult result = Migration.toV2(as("A")).dryRun().run();
        assertThat(result.written()).isFalse();
        assertThat(ids(result.migrated())).hasSize(6);
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
    }

    @Test
    void aPartyWithoutASigningKeyCannotMigrateAndChangesNothing() {
        String before = TestParties.snapshot(store);
        DelegationService unsigned = TestParties.asWithoutSigningKey("A", provider, store, b -> b);
        assertThatThrownBy(() -> Migration.toV2(unsigned).run()).isInstanceOf(KeyException.class)
                .hasMessageContaining("signing key");
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
        // with nothing it can read to migrate, a party without a signing key is simply told so
        MigrationResult nothing = Migration.toV2(TestParties.asWithoutSigningKey("E", provider, store, b -> b)).run();
        assertThat(nothing.migrated()).isEmpty();
        assertThat(nothing.skipped()).allMatch(skipped -> skipped.reason().equals("not shared with 'E'"));
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
    }

    @Test
    void aFailureAtAnyStoreCallChangesNothing() {
        String before = TestParties.snapshot(store);
        PairKeyCache cache = PairKeyCache.create();
        // a first run fills the cache's memos, so that every run below makes the same store calls
        Migration.toV2(TestParties.as("A", provider, copy(), b -> b.pairKeyCache(cache))).run();
        AgilityFixture.FailingStore counting = new AgilityFixture.FailingStore(copy(), 0);
        Migration.toV2(TestParties.as("A", provider, counting, b -> b.pairKeyCache(cache))).run();
        int calls = counting.calls.get();
        assertThat(calls).isGreaterThan(20);
        for (int k = 1; k <= calls; k++) {
            EntityStore copy = copy();
            AgilityFixture.FailingStore failing = new AgilityFixture.FailingStore(copy, k);
            int failAt = k;
            assertThatThrownBy(() -> Migration.toV2(TestParties.as("A", provider, failing, b -> b.pairKeyCache(cache))).run())
                    .as("failure at call %d of %d", failAt, calls).hasMessageContaining("injected store failure");
            assertThat(TestParties.snapshot(copy)).as("after a failure at call %d of %d", failAt, calls).isEqualTo(before);
        }
    }

    private EntityStore copy() {
        return Dataset.fromJson(Dataset.empty().with(store).toJson()).toStore();
    }

    private EncryptableEntity<?> entity(String id) {
        for (EntityType type : EntityType.values()) {
            var found = store.entity(type, id);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("no entity " + id);
    }

    private static List<String> values(EncryptableEntity<?> entity) {
        List<String> values = new ArrayList<>();
        for (DelegationKind kind : DelegationKind.values()) {
            entity.allDelegations(kind).stream().map(Delegation::key).forEach(values::add);
        }
        entity.encryptedSelf().ifPresent(values::add);
        return values;
    }

    private static List<String> ids(List<EntityRef> refs) {
        return refs.stream().map(EntityRef::id).toList();
    }

    private static String reasonOf(MigrationResult result, String id) {
        return result.skipped().stream().filter(s -> s.entity().id().equals(id)).map(Skipped::reason).findFirst().orElseThrow();
    }
}
