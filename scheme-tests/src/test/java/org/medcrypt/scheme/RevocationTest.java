package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.agility.EntityRef;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.Revocation;
import org.medcrypt.agility.RevocationResult;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.sharing.SharingAccess;
import org.medcrypt.json.Dataset;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * {@code revoke}: every party reads what it read before, except that the revoked party lost exactly
 * the revoked entity (and, with the cascade, its children); the revoked party, keeping every key it
 * had (its pair keys, cached, and the old content key and secret id), opens nothing written after
 * the revocation; a failure at any store call changes nothing.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class RevocationTest {

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

    private Patient p1() {
        return store.patient("P1").orElseThrow();
    }

    @Test
    void theRevokedPartyLosesExactlyTheEntityAndEveryoneElseReadsTheSame() {
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);

        RevocationResult result = Revocation.by(as("A")).revoke(p1(), "B");

        assertThat(ids(result.rekeyed())).containsExactly("P1");
        // children A reads get the new secret id; CB (B's own, which A cannot read) keeps the old one
        assertThat(ids(result.relinked())).containsExactlyInAnyOrder("C1", "F1", "H1");
        Map<String, Map<String, String>> expected = copy(before);
        expected.get("B").remove("PATIENT/P1");
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(expected);
        // P1 was v1 and stays v1 (iCure's SDK reads it): its remaining delegates A and C, all written by A
        assertThat(entries(p1())).allMatch(entry -> entry.owner().equals("A") && !entry.delegatedTo().equals("B"))
                .extracting(Delegation::delegatedTo).containsOnly("A", "C");
        assertThat(values(p1())).allMatch(value -> formats.ofValue(value).suite() == Suite.V1_ICURE);
    }

    @Test
    void withTheCascadeTheRevokedPartyLosesThePatientAndEveryChildTheRevokerCanRead() {
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);

        RevocationResult result = Revocation.by(as("A")).revokeWithCascade(p1(), "B");

        assertThat(ids(result.rekeyed())).containsExactlyInAnyOrder("P1", "C1", "F1", "H1");
        assertThat(result.skipped()).extracting(s -> s.entity().id()).containsExactly("CB");
        assertThat(result.skipped().get(0).reason()).contains("'B' keeps its access");
        Map<String, Map<String, String>> expected = copy(before);
        for (String lost : List.of("PATIENT/P1", "CONTACT/C1", "FORM/F1", "HEALTH_ELEMENT/H1")) {
            assertThat(expected.get("B").remove(lost)).as(lost).isNotNull();
        }
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(expected);
        assertThat(Revocation.by(as("A")).revokeWithCascade(p1(), "B").written()).isFalse();
    }

    @Test
    void theRevokedPartyKeepingEveryOldKeyOpensNothingWrittenAfterwards() {
        DelegationService b = as("B"); // its pair-key cache keeps every pair key it opened
        Set<String> oldContentKeys = b.contentKeys(p1());
        Set<String> oldSecretIds = b.secretForeignKeys(p1());
        assertThat(b.decrypt(p1()).decryptedFields().get("note").asText()).isEqualTo("Allergic to penicillin ü");
        String oldEncryptedSelf = p1().encryptedSelf().orElseThrow();
        // every pair key B can unwrap that A's entries for it were written under: {A→B} in each format
        List<PairKey> oldPairKeys = new ArrayList<>();
        for (Suite suite : Suite.values()) {
            SharingAccess.of(b).pairKeys().forReading(formats.of(suite), "A", "B", Optional.empty()).forEach(oldPairKeys::add);
        }
        assertThat(oldPairKeys).isNotEmpty();

        Revocation.by(as("A")).revokeWithCascade(p1(), "B");
        // written after the revocation: A shares P1 with E and makes a new contact of it
        DelegationService a = as("A");
        a.shareWithCascade(p1(), "E");
        a.createChild(EntityType.CONTACT, AgilityFixture.json("{\"id\":\"C9\",\"descr\":\"after the revocation\"}"), p1());

        String newEncryptedSelf = p1().encryptedSelf().orElseThrow();
        assertThat(newEncryptedSelf).isNotEqualTo(oldEncryptedSelf);
        for (String oldKey : oldContentKeys) {
            Optional<byte[]> opened = formats.of(Suite.V1_ICURE).decryptContent(oldKey, EntityType.PATIENT, "P1", newEncryptedSelf);
            // CBC without integrity may unpad garbage: what matters is that it is not the content
            assertThat(opened.map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).orElse(""))
                    .doesNotContain("penicillin");
        }
        // none of B's old pair keys opens any small key written since, in any role, with the context it sits in
        for (EncryptableEntity<?> entity : List.of(p1(), store.entity(EntityType.CONTACT, "C9").orElseThrow())) {
            for (DelegationKind kind : DelegationKind.values()) {
                for (Delegation entry : entity.allDelegations(kind)) {
                    var format = formats.ofValue(entry.key());
                    var context = new ValueContext(entity.type(), entity.id(), entry.owner(), entry.delegatedTo());
                    for (PairKey old : oldPairKeys) {
                        if (old.id().suite() == format.suite()) {
                            assertThat(format.decryptSmallKey(old, ValueRole.of(kind), context, entry.key()))
                                    .as("%s %s of %s under B's old %s", kind, entry.delegatedTo(), entity.id(), old).isEmpty();
                        }
                    }
                }
            }
        }
        // B's service, with every pair key it had cached, reads nothing of P1 or of what was written since
        EncryptableEntity<?> c9 = store.entity(EntityType.CONTACT, "C9").orElseThrow();
        for (EncryptableEntity<?> entity : List.of(p1(), c9, store.entity(EntityType.CONTACT, "C1").orElseThrow())) {
            assertThat(b.canRead(entity)).as(entity.id()).isFalse();
            assertThatThrownBy(() -> decrypt(b, entity)).isInstanceOf(AccessDeniedException.class);
            assertThat(entries(entity)).noneMatch(entry -> entry.delegatedTo().equals("B") || entry.owner().equals("B"));
        }
        // nor find the patient's children by the secret id it kept: they carry the new one, but for CB, B's own
        // contact that A cannot read, which keeps the old one (so that B does not learn the new one from it)
        for (String oldSecretId : oldSecretIds) {
            assertThat(store.bySecretForeignKey(EntityType.CONTACT, oldSecretId)).extracting(EncryptableEntity::id)
                    .containsOnly("CB");
            assertThat(store.bySecretForeignKey(EntityType.FORM, oldSecretId)).isEmpty();
            assertThat(store.bySecretForeignKey(EntityType.HEALTH_ELEMENT, oldSecretId)).isEmpty();
        }
        assertThat(store.entity(EntityType.CONTACT, "CB").orElseThrow().secretForeignKeys())
                .doesNotContainAnyElementsOf(as("A").secretForeignKeys(p1()));
        assertThat(as("E").decrypt(p1()).decryptedFields().get("note").asText()).isEqualTo("Allergic to penicillin ü");
    }

    @Test
    void aMigratedEntityKeepingV1IsReKeyedInBothFormats() {
        Migration.toV2(as("A")).keepingV1().run();
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);

        Revocation.by(as("A")).revoke(p1(), "C");

        Map<String, Map<String, String>> expected = copy(before);
        expected.get("C").remove("PATIENT/P1");
        // CB, B's own contact that A cannot read, keeps P1's old secret id: B no longer finds it from P1
        expected.get("B").put("PATIENT/P1", expected.get("B").get("PATIENT/P1").replace("children=[C1, CB, F1, H1]",
                "children=[C1, F1, H1]"));
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(expected);
        List<String> suites = values(p1()).stream().map(value -> formats.ofValue(value).label()).distinct().toList();
        assertThat(suites).containsExactlyInAnyOrder("v1", "v2");
        assertThat(p1().field("medcryptEncryptedSelf")).isPresent();
    }

    @Test
    void aV2PatientIsReKeyedInV2WithItsV1Child() {
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);
        Patient p2 = store.patient("P2").orElseThrow();
        String oldSelf = p2.encryptedSelf().orElseThrow();

        RevocationResult result = Revocation.by(as("A")).revokeWithCascade(p2, "D");

        assertThat(ids(result.rekeyed())).containsExactlyInAnyOrder("P2", "C2");
        Map<String, Map<String, String>> expected = copy(before);
        expected.get("D").remove("PATIENT/P2");
        expected.get("D").remove("CONTACT/C2");
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(expected);
        Patient after = store.patient("P2").orElseThrow();
        assertThat(after.encryptedSelf().orElseThrow()).startsWith("mc2:").isNotEqualTo(oldSelf);
        assertThat(values(after)).allMatch(value -> formats.ofValue(value).suite() == Suite.V2_GCM_OAEP256);
        assertThat(values(store.entity(EntityType.CONTACT, "C2").orElseThrow()))
                .allMatch(value -> formats.ofValue(value).suite() == Suite.V1_ICURE);
    }

    @Test
    void aPartyThatHoldsTheEntityUnderItsOwnPairKeyRevokesItItself() {
        EncryptableEntity<?> c3 = store.entity(EntityType.CONTACT, "C3").orElseThrow();
        AgilityFixture.shareUnchecked(as("D"), c3, "E");
        Map<String, Map<String, String>> before = AgilityFixture.readableSets(provider, store);
        String snapshot = TestParties.snapshot(store);
        EncryptableEntity<?> shared = store.entity(EntityType.CONTACT, "C3").orElseThrow();

        // A can read C3, but D made it (D→D): re-keyed by A, D would read it under A's key and lose it as P3's child
        assertThatThrownBy(() -> Revocation.by(as("A")).revoke(shared, "E")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("'D' holds contact 'C3' under its own pair key");
        assertThat(TestParties.snapshot(store)).isEqualTo(snapshot);

        Revocation.by(as("D")).revoke(shared, "E");
        Map<String, Map<String, String>> expected = copy(before);
        expected.get("E").remove("CONTACT/C3");
        assertThat(AgilityFixture.readableSets(provider, store)).isEqualTo(expected);
        assertThat(expected.get("D").get("PATIENT/P3")).contains("children=[C3]");
    }

    @Test
    void badRequestsChangeNothing() {
        String before = TestParties.snapshot(store);
        assertThatThrownBy(() -> Revocation.by(as("A")).revoke(p1(), "A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revocation.by(as("E")).revoke(p1(), "B")).isInstanceOf(AccessDeniedException.class);
        assertThat(Revocation.by(as("A")).revoke(p1(), "E").written()).isFalse(); // E had no entry
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
    }

    @Test
    void aFailureAtAnyStoreCallChangesNothing() {
        String before = TestParties.snapshot(store);
        PairKeyCache cache = PairKeyCache.create();
        // a first run fills the cache's memos, so that every run below makes the same store calls
        EntityStore warm = copy(store);
        Revocation.by(TestParties.as("A", provider, warm, options -> options.pairKeyCache(cache)))
                .revokeWithCascade(warm.patient("P1").orElseThrow(), "B");
        AgilityFixture.FailingStore counting = new AgilityFixture.FailingStore(copy(store), 0);
        DelegationService counted = TestParties.as("A", provider, counting, options -> options.pairKeyCache(cache));
        Revocation.by(counted).revokeWithCascade(counting.patient("P1").orElseThrow(), "B");
        int calls = counting.calls.get();
        assertThat(calls).isGreaterThan(20);
        for (int k = 1; k <= calls; k++) {
            EntityStore copy = copy(store);
            AgilityFixture.FailingStore failing = new AgilityFixture.FailingStore(copy, k);
            int failAt = k;
            assertThatThrownBy(() -> {
                DelegationService service = TestParties.as("A", provider, failing, options -> options.pairKeyCache(cache));
                Revocation.by(service).revokeWithCascade(failing.patient("P1").orElseThrow(), "B");
            }).as("failure at call %d of %d", failAt, calls).hasMessageContaining("injected store failure");
            assertThat(TestParties.snapshot(copy)).as("after a failure at call %d of %d", failAt, calls).isEqualTo(before);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decrypt(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((EncryptableEntity) entity);
    }

    private static EntityStore copy(EntityStore store) {
        return Dataset.fromJson(Dataset.empty().with(store).toJson()).toStore();
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> sets) {
        Map<String, Map<String, String>> copy = new java.util.TreeMap<>();
        sets.forEach((party, set) -> copy.put(party, new java.util.TreeMap<>(set)));
        return copy;
    }

    private static List<Delegation> entries(EncryptableEntity<?> entity) {
        List<Delegation> all = new ArrayList<>();
        for (DelegationKind kind : DelegationKind.values()) {
            all.addAll(entity.allDelegations(kind));
        }
        return all;
    }

    private static List<String> values(EncryptableEntity<?> entity) {
        List<String> values = new ArrayList<>();
        entries(entity).forEach(entry -> values.add(entry.key()));
        entity.encryptedSelf().ifPresent(values::add);
        return values;
    }

    private static List<String> ids(List<EntityRef> refs) {
        return refs.stream().map(EntityRef::id).toList();
    }
}
