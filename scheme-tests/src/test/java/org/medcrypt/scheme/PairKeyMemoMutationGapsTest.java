package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed the other tests left unchecked in how a
 * reader keeps what it opened (the small-key memo, the pair keys, the verdicts and the failures,
 * see {@code KeyCache} and {@code PairKeys}): what a warm read still costs, counted at the provider
 * (AES decryptions, keys imported or derived, RSA operations) and in the cache's counters; that a second service on the same
 * cache reuses it all; that a memoised value is not read once its pair key's copy is gone from its
 * owner's document; and that parties whose ids hash alike get their own pair keys. Real keys, on
 * the JDK provider.
 */
class PairKeyMemoMutationGapsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CryptoProvider jca = TestParties.provider("jca");

    private static ObjectNode json(String id, String field, String value) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put(field, value);
        return node;
    }

    private static String note(DelegationService service, EntityStore store, String id) {
        return service.decrypt(store.patient(id).orElseThrow()).field("note").orElseThrow().asText();
    }

    private static String descr(DelegationService service, EntityStore store, String id) {
        return decryptEntity(service, store.entity(EntityType.CONTACT, id).orElseThrow()).field("descr").orElseThrow().asText();
    }

    @SuppressWarnings("unchecked")
    private static <T extends org.medcrypt.model.EncryptableEntity<T>> org.medcrypt.sharing.DecryptedEntity<T> decryptEntity(
            DelegationService service, org.medcrypt.model.EncryptableEntity<?> entity) {
        return service.decrypt((T) entity);
    }

    // ---------------------------------------------------------------- what a warm read costs

    /**
     * Once a record is read, reading it again opens no small key (each is answered from the memo,
     * its pair key's trust checked again) and unwraps no pair key: one AES decryption per
     * {@code encryptedSelf}, nothing else. A second service on the same cache (a new memo of the
     * owner documents) reuses the cache's pair keys, verdicts and opened small keys the same way.
     */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void aWarmReadDecryptsOnlyTheContentAndASecondServiceOnTheSameCacheToo(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", jca, store, builder -> builder.suite(suite));
        Patient patient = a.createPatient(json("p", "note", "the note"));
        a.createChild(EntityType.CONTACT, json("c", "descr", "the descr"), patient);
        a.shareWithCascade(store.patient("p").orElseThrow(), "B");

        CountingProvider counting = new CountingProvider(jca);
        PairKeyCache cache = PairKeyCache.create();
        DelegationService b = TestParties.as("B", counting, store, builder -> builder.suite(suite).pairKeyCache(cache));
        assertThat(note(b, store, "p")).isEqualTo("the note");
        assertThat(descr(b, store, "c")).isEqualTo("the descr");
        long coldAes = counting.aesDecryptions();
        assertThat(coldAes).as("cold: the small keys and the two contents").isGreaterThan(2);
        assertThat(cache.rsaOperations()).isEqualTo(1);
        assertThat(cache.signatureVerifications()).isEqualTo(1);

        for (DelegationService reader : List.of(b, TestParties.as("B", counting, store,
                builder -> builder.suite(suite).pairKeyCache(cache)))) {
            long before = counting.aesDecryptions();
            long preparedBefore = counting.keysPrepared();
            assertThat(note(reader, store, "p")).isEqualTo("the note");
            assertThat(counting.aesDecryptions() - before).as("warm patient: its content only").isEqualTo(1);
            assertThat(descr(reader, store, "c")).isEqualTo("the descr");
            assertThat(counting.aesDecryptions() - before).as("warm contact: its content only").isEqualTo(2);
            assertThat(counting.keysPrepared() - preparedBefore).as("warm: no AES key imported or derived again").isZero();
            assertThat(cache.rsaOperations()).as("no pair key unwrapped again").isEqualTo(1);
            assertThat(cache.signatureVerifications()).as("no signature checked again").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void aWriterWhoseOwnEntriesWereDroppedReadsWarmThroughThoseItWroteForOthers(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", jca, store, builder -> builder.suite(suite));
        Patient shared = a.shareWith(a.createPatient(json("p", "note", "the note")), "B");
        // the store drops A's own entries: A reads through the ones it wrote for B (pair key A→B)
        Patient withoutA = shared;
        for (DelegationKind kind : List.of(DelegationKind.DELEGATIONS, DelegationKind.ENCRYPTION_KEYS)) {
            var map = new java.util.LinkedHashMap<>(withoutA.delegationMap(kind));
            map.remove("A");
            withoutA = withoutA.withDelegationMap(kind, map);
        }
        store.save(withoutA);

        CountingProvider counting = new CountingProvider(jca);
        PairKeyCache cache = PairKeyCache.create();
        DelegationService reader = TestParties.as("A", counting, store, builder -> builder.suite(suite).pairKeyCache(cache));
        assertThat(note(reader, store, "p")).isEqualTo("the note");
        long before = counting.aesDecryptions();
        assertThat(note(reader, store, "p")).isEqualTo("the note");
        assertThat(counting.aesDecryptions() - before).as("warm: the content only").isEqualTo(1);
        assertThat(cache.rsaOperations()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- a memoised value whose pair key went

    @ParameterizedTest
    @EnumSource(Suite.class)
    void aMemoisedValueIsNotReadOnceItsPairKeysCopyIsGoneFromItsOwnersDocument(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", jca, store, builder -> builder.suite(suite));
        Patient patient = a.createPatient(json("p", "note", "the note"));
        HealthcareParty aBeforeSharing = store.party("A").orElseThrow();
        a.shareWith(patient, "B");
        assertThat(store.party("A").orElseThrow()).isNotEqualTo(aBeforeSharing);

        PairKeyCache cache = PairKeyCache.create();
        DelegationService b = TestParties.as("B", jca, store, builder -> builder.suite(suite).pairKeyCache(cache));
        assertThat(note(b, store, "p")).isEqualTo("the note");
        assertThat(b.canRead(store.patient("p").orElseThrow())).isTrue();

        // the store serves A's document as it was before it made the pair key A→B
        store.saveParty(aBeforeSharing);
        Patient p = store.patient("p").orElseThrow();
        assertThatThrownBy(() -> b.decrypt(p)).isExactlyInstanceOf(DecryptionFailedException.class);
        assertThat(b.canRead(p)).isFalse();
        assertThatThrownBy(() -> TestParties.as("B", jca, store, builder -> builder.suite(suite).pairKeyCache(cache)).decrypt(p))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    // ---------------------------------------------------------------- failures are kept, and forgotten on clear()

    @Test
    void aCopyNoKeyOpensIsTriedOncePerCacheAndAgainAfterClear() {
        CountingProvider provider = new CountingProvider(jca);
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE));
        a.shareWith(a.createPatient(json("p", "note", "the note")), "B");
        // the store adds a junk copy for B's key under a made-up owner key to A's document, and a
        // junk small key from A to B, so that a read tries every copy
        String fingerprintB = KeyFingerprint.of(store.party("B").orElseThrow().publicKey().orElseThrow()).value();
        ObjectNode aJson = store.party("A").orElseThrow().toJson();
        ((ObjectNode) aJson.get("aesExchangeKeys")).putObject(junkHex(40)).putObject("B").put(fingerprintB, junkHex(256));
        store.saveParty(HealthcareParty.fromJson(aJson));
        ObjectNode pJson = store.patient("p").orElseThrow().toJson();
        ((ArrayNode) pJson.get("delegations").get("B")).addObject().put("owner", "A").put("delegatedTo", "B")
                .put("key", junkHex(64));
        store.save(Patient.fromJson(pJson));

        PairKeyCache cache = PairKeyCache.create();
        long start = provider.rsaDecryptions();
        assertThat(note(b(provider, store, cache), store, "p")).isEqualTo("the note");
        assertThat(provider.rsaDecryptions() - start).as("the genuine copy and the junk one").isEqualTo(2);

        // another service on the same cache reads every secret id (the junk small key included,
        // so every copy is a candidate again): nothing is tried again
        long before = provider.rsaDecryptions();
        DelegationService second = b(provider, store, cache);
        assertThat(second.secretForeignKeys(store.patient("p").orElseThrow())).hasSize(1);
        assertThat(note(second, store, "p")).isEqualTo("the note");
        assertThat(provider.rsaDecryptions() - before).as("another service on the same cache: nothing tried again").isZero();

        cache.clear();
        before = provider.rsaDecryptions();
        DelegationService third = b(provider, store, cache);
        assertThat(note(third, store, "p")).isEqualTo("the note");
        assertThat(third.secretForeignKeys(store.patient("p").orElseThrow())).hasSize(1);
        assertThat(provider.rsaDecryptions() - before).as("after clear(): both copies tried again").isEqualTo(2);
        assertThat(cache.rsaOperations()).isEqualTo(2);
    }

    private static DelegationService b(CryptoProvider provider, EntityStore store, PairKeyCache cache) {
        return TestParties.as("B", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache));
    }

    // ---------------------------------------------------------------- one share, pair keys in both formats

    @Test
    void aShareThatMakesPairKeysInBothFormatsStoresBoth() {
        EntityStore store = TestParties.newStore();
        DelegationService v1 = TestParties.as("A", jca, store, builder -> builder.suite(Suite.V1_ICURE));
        v1.shareWith(v1.createPatient(json("p", "note", "the note")), "B");
        org.medcrypt.agility.Migration.toV2(TestParties.as("A", jca, store)).keepingV1().run();
        assertThat(store.patient("p").orElseThrow().field("medcryptEncryptedSelf")).isPresent();

        // A shares the migrated patient with C, with whom it has no pair key yet: one v1 and one v2
        // pair key are made in the same operation, and A's stored document must hold both
        Patient shared = TestParties.as("A", jca, store).shareWith(store.patient("p").orElseThrow(), "C");
        DelegationService c = TestParties.as("C", jca, store);
        assertThat(c.decrypt(shared).suite()).contains(Suite.V2_GCM_OAEP256);
        assertThat(c.decrypt(shared).field("note").orElseThrow().asText()).isEqualTo("the note");

        // without the v2 copy, C reads the v1 encryptedSelf: under the v1 pair key A→C
        ObjectNode withoutCopy = shared.toJson();
        withoutCopy.remove("medcryptEncryptedSelf");
        Patient v1Only = Patient.fromJson(withoutCopy);
        assertThat(c.decrypt(v1Only).suite()).contains(Suite.V1_ICURE);
        assertThat(c.decrypt(v1Only).field("note").orElseThrow().asText()).isEqualTo("the note");
    }

    // ---------------------------------------------------------------- parties whose ids hash alike

    /**
     * "Aa" and "BB" have the same {@code String.hashCode()}. A service of A that already holds pair
     * keys with both shares with one, then the other: each delegate gets the pair key made for it,
     * and reads; neither reads what was shared with the other.
     */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void partiesWhoseIdsHashAlikeEachGetTheirOwnPairKey(Suite suite) {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        EntityStore store = new InMemoryEntityStore();
        store.saveParty(HealthcareParty.of("A", HEX.formatHex(TestParties.rsaSpki("A"))));
        store.saveParty(HealthcareParty.of("Aa", HEX.formatHex(TestParties.rsaSpki("C"))));
        store.saveParty(HealthcareParty.of("BB", HEX.formatHex(TestParties.rsaSpki("D"))));
        DelegationService a = TestParties.as("A", jca, store, builder -> builder.suite(suite));
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            a.createPatient(json(id, "note", "the note of " + id));
        }
        a.shareWith(store.patient("p1").orElseThrow(), "Aa");
        a.shareWith(store.patient("p2").orElseThrow(), "BB");

        // a new service of A: its memo of A's document starts empty, the pair keys exist
        DelegationService a2 = TestParties.as("A", jca, store, builder -> builder.suite(suite));
        a2.shareWith(store.patient("p3").orElseThrow(), "Aa");
        a2.shareWith(store.patient("p4").orElseThrow(), "BB");

        DelegationService aa = as("Aa", "C", store, suite);
        DelegationService bb = as("BB", "D", store, suite);
        assertThat(note(aa, store, "p1")).isEqualTo("the note of p1");
        assertThat(note(aa, store, "p3")).isEqualTo("the note of p3");
        assertThat(note(bb, store, "p2")).isEqualTo("the note of p2");
        assertThat(note(bb, store, "p4")).isEqualTo("the note of p4");
        for (String id : List.of("p2", "p4")) {
            assertThat(aa.canRead(store.patient(id).orElseThrow())).as("Aa reads %s", id).isFalse();
        }
        for (String id : List.of("p1", "p3")) {
            assertThat(bb.canRead(store.patient(id).orElseThrow())).as("BB reads %s", id).isFalse();
        }
    }

    private static DelegationService as(String party, String keysOf, EntityStore store, Suite suite) {
        CryptoProvider provider = TestParties.provider("jca");
        return DelegationService.builder().provider(provider).store(store).suite(suite)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider,
                        List.of(TestParties.rsaPkcs8(keysOf), TestParties.signingPkcs8(keysOf))))
                .build();
    }

    private static String junkHex(int length) {
        byte[] bytes = new byte[length / 2];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
