package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.agility.EntityRef;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.MigrationResult;
import org.medcrypt.agility.Revocation;
import org.medcrypt.agility.RevocationResult;
import org.medcrypt.agility.Skipped;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Attacks on migrate and revoke found by a security review, each performed and shown to fail: a
 * party grants only access it granted itself. The store (which may list anyone in a map, and invent
 * parties with keys of its own) gets nothing from {@code migrate} or {@code revoke}; a revoked party
 * keeps nothing through a party of its own, cannot block its revocation, and is not handed the
 * patient's renewed secret id through a child it still reads.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.AgilityAttackTest#PROVIDERS")
class AgilityAttackTest {

    static final List<String> PROVIDERS = List.of("jca", "bouncycastle", "tink");
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    String providerId;

    private CryptoProvider provider;

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
    }

    /** A party the store invents: it holds its private keys, publishes its signing key and signs its RSA key. */
    private DelegationService invent(EntityStore store, String id, Suite suite) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        byte[] signing = DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        store.saveParty(HealthcareParty.of(id, HEX.formatHex(pair.getPublic().getEncoded())));
        DelegationService party = DelegationService.builder().provider(provider).store(store).suite(suite)
                .dataOwner(DataOwnerKeys.fromPkcs8(id, provider, List.of(pair.getPrivate().getEncoded(), signing))).build();
        party.publishKeys();
        return party;
    }

    /** The store lists {@code listed} as a delegate: one entry "from" {@code owner} holding a copy of a value already there. */
    private static void listAsDelegate(EntityStore store, EntityType type, String id, String listed, String owner) {
        ObjectNode json = store.entity(type, id).orElseThrow().toJson();
        ObjectNode delegations = (ObjectNode) json.get("delegations");
        String anyValue = delegations.elements().next().get(0).get("key").asText();
        ((ArrayNode) delegations.putArray(listed)).addObject().put("owner", owner).put("delegatedTo", listed).put("key", anyValue);
        store.save(Dataset.entity(type, json));
    }

    private static Patient patient(EntityStore store) {
        return store.patient("P").orElseThrow();
    }

    // ---------------------------------------------------------------- 1. migrate and a delegate someone else listed

    @Test
    void migrateGivesNothingToADelegateTheStoreListedUnderAnotherParty() throws Exception {
        for (boolean keepV1 : new boolean[] {false, true}) {
            EntityStore store = TestParties.newStore();
            DelegationService a = TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE));
            a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"HIV positive\"}", "t"));
            a.shareWith(patient(store), "B");
            DelegationService s = invent(store, "S", Suite.V1_ICURE);
            listAsDelegate(store, EntityType.PATIENT, "P", "S", "B");
            // and a real party that was never given access, listed the same way
            listAsDelegate(store, EntityType.PATIENT, "P", "D", "B");
            String before = TestParties.snapshot(store);

            Migration migration = Migration.toV2(TestParties.as("A", provider, store));
            MigrationResult result = (keepV1 ? migration.keepingV1() : migration).run();

            assertThat(result.migrated()).as("keepV1=%s", keepV1).isEmpty();
            assertThat(result.skipped()).extracting(Skipped::reason).singleElement().asString()
                    .contains("delegate 'S' was given access by 'B', not by 'A'", "delegate 'D' was given access by 'B', not by 'A'");
            assertThat(TestParties.snapshot(store)).isEqualTo(before);
            assertThat(s.canRead(patient(store))).isFalse();
            assertThat(TestParties.as("D", provider, store).canRead(patient(store))).isFalse();
            assertThat(TestParties.as("B", provider, store).decrypt(patient(store)).field("note").orElseThrow().asText())
                    .isEqualTo("HIV positive");
        }
    }

    @Test
    void migrateGivesNothingToADelegateListedWithoutAnyEntry() {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE))
                .createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        ObjectNode json = patient(store).toJson();
        ((ObjectNode) json.get("delegations")).putArray("D");
        store.save(Patient.fromJson(json));

        MigrationResult result = Migration.toV2(TestParties.as("A", provider, store)).run();
        assertThat(result.migrated()).isEmpty();
        assertThat(result.skipped()).extracting(Skipped::reason).singleElement().asString()
                .contains("delegate 'D' was given access by nobody, not by 'A'");
        assertThat(TestParties.as("D", provider, store).canRead(patient(store))).isFalse();
    }

    // ---------------------------------------------------------------- 2. revoke and a delegate someone else listed

    @Test
    void revokeRefusesToReKeyForADelegateTheStoreListedUnderAnotherParty() throws Exception {
        for (Suite suite : Suite.values()) {
            EntityStore store = TestParties.newStore();
            DelegationService a = TestParties.as("A", provider, store, b -> b.suite(suite));
            a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"HIV positive\"}", "t"));
            a.shareWith(patient(store), "B");
            a.shareWith(patient(store), "C");
            DelegationService s = invent(store, "S", suite);
            listAsDelegate(store, EntityType.PATIENT, "P", "S", "B");
            String before = TestParties.snapshot(store);

            for (boolean cascade : new boolean[] {false, true}) {
                Revocation revocation = Revocation.by(TestParties.as("A", provider, store));
                assertThatThrownBy(() -> {
                    if (cascade) {
                        revocation.revokeWithCascade(patient(store), "C");
                    } else {
                        revocation.revoke(patient(store), "C");
                    }
                }).as("%s cascade=%s", suite, cascade).isInstanceOf(AccessDeniedException.class)
                        .hasMessageContaining("delegate 'S' was given access by 'B', not by 'A'");
            }
            assertThat(TestParties.snapshot(store)).isEqualTo(before);
            assertThat(s.canRead(patient(store))).isFalse();
        }
    }

    // ---------------------------------------------------------------- 3. the revoked party's own delegate

    @Test
    void aDelegateThatHadAccessOnlyThroughTheRevokedPartyIsRemovedWithIt() throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"v1 of the note\"}", "t"));
        a.shareWith(patient(store), "B");
        a.shareWith(patient(store), "C");
        // C registers a party of its own and shares P with it before it is revoked; C2 shares it on with C3
        DelegationService c2 = invent(store, "C2", Suite.V2_GCM_OAEP256);
        TestParties.as("C", provider, store).shareWith(patient(store), "C2");
        DelegationService c3 = invent(store, "C3", Suite.V2_GCM_OAEP256);
        c2.shareWith(patient(store), "C3");
        assertThat(c3.canRead(patient(store))).isTrue();

        RevocationResult result = Revocation.by(TestParties.as("A", provider, store)).revoke(patient(store), "C");

        assertThat(result.alsoRemoved()).containsEntry("C2", "C").containsEntry("C3", "C2");
        assertThat(result.remaining()).containsExactlyInAnyOrder("A", "B");
        Patient after = patient(store);
        for (DelegationService removed : List.of(TestParties.as("C", provider, store), c2, c3)) {
            assertThat(removed.canRead(after)).isFalse();
        }
        assertThat(EntityRefs.mentioned(after)).doesNotContain("C", "C2", "C3");
        assertThat(TestParties.as("B", provider, store).decrypt(after).field("note").orElseThrow().asText())
                .isEqualTo("v1 of the note");
    }

    @Test
    void aDelegateAnotherRemainingPartyAlsoGrantedStays() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        a.shareWith(patient(store), "C");
        TestParties.as("C", provider, store).shareWith(patient(store), "B");
        a.shareWith(patient(store), "B"); // B has P from C and from A

        RevocationResult result = Revocation.by(TestParties.as("A", provider, store)).revoke(patient(store), "C");
        assertThat(result.alsoRemoved()).isEmpty();
        assertThat(result.remaining()).containsExactlyInAnyOrder("A", "B");
        assertThat(TestParties.as("B", provider, store).canRead(patient(store))).isTrue();
    }

    // ---------------------------------------------------------------- 6. migrate and an entity forged under an invented party

    @Test
    void migrateLeavesAnEntityWhoseContentKeyAnotherPartyWroteAsItWas() throws Exception {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store, o -> o.suite(Suite.V1_ICURE))
                .createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"real\"}", "t"));
        DelegationService z = invent(store, "Z", Suite.V1_ICURE);
        z.createPatient(MedcryptJson.parseObject("{\"id\":\"FORGED\",\"note\":\"stop all medication\"}", "t"));
        z.shareWith(store.patient("FORGED").orElseThrow(), "A");
        ObjectNode forged = store.patient("FORGED").orElseThrow().toJson();
        for (String map : new String[] {"delegations", "encryptionKeys"}) {
            ((ObjectNode) forged.get(map)).remove("Z"); // no one "holds it for itself"
        }
        store.save(Patient.fromJson(forged));

        MigrationResult result = Migration.toV2(TestParties.as("A", provider, store)).run();

        assertThat(result.migrated()).extracting(EntityRef::id).containsExactly("P");
        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.entity().id()).isEqualTo("FORGED");
            assertThat(skipped.reason()).contains("its content key is from 'Z', not from 'A'");
        });
        DecryptedEntity<Patient> after = TestParties.as("A", provider, store).decrypt(store.patient("FORGED").orElseThrow());
        assertThat(after.contentKeyOwner()).contains("Z");
        assertThat(after.provenance()).contains(Provenance.PUBLISHED);
        assertThat(after.suite()).contains(Suite.V1_ICURE);
    }

    @Test
    void revokeRefusesToReKeyAnEntityWhoseContentKeyAnotherPartyWrote() throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService z = invent(store, "Z", Suite.V2_GCM_OAEP256);
        z.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"stop all medication\"}", "t"));
        z.shareWith(patient(store), "A");
        z.shareWith(patient(store), "C");
        ObjectNode forged = patient(store).toJson();
        for (String map : new String[] {"delegations", "encryptionKeys"}) {
            ((ObjectNode) forged.get(map)).remove("Z");
        }
        store.save(Patient.fromJson(forged));
        assertThatThrownBy(() -> Revocation.by(TestParties.as("A", provider, store)).revoke(patient(store), "C"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("its content key is from 'Z', not from 'A'");
        assertThat(TestParties.as("A", provider, store).decrypt(patient(store)).contentKeyOwner()).contains("Z");
    }

    // ---------------------------------------------------------------- 7. the revoked party cannot block its revocation

    @Test
    void anEntryTheRevokedPartyWroteForAPartyThatDoesNotExistGoesWithIt() {
        for (boolean cascade : new boolean[] {false, true}) {
            EntityStore store = TestParties.newStore();
            DelegationService a = TestParties.as("A", provider, store);
            a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
            a.shareWith(patient(store), "C");
            ObjectNode json = patient(store).toJson();
            ObjectNode delegations = (ObjectNode) json.get("delegations");
            String cValue = delegations.get("C").get(0).get("key").asText();
            delegations.putArray("GHOST").addObject().put("owner", "C").put("delegatedTo", "GHOST").put("key", cValue);
            store.save(Patient.fromJson(json));

            Revocation revocation = Revocation.by(TestParties.as("A", provider, store));
            RevocationResult result = cascade ? revocation.revokeWithCascade(patient(store), "C")
                    : revocation.revoke(patient(store), "C");

            assertThat(result.rekeyed()).as("cascade=%s", cascade).extracting(EntityRef::id).containsExactly("P");
            assertThat(result.alsoRemoved()).containsEntry("GHOST", "C");
            assertThat(TestParties.as("C", provider, store).canRead(patient(store))).isFalse();
            assertThat(EntityRefs.mentioned(patient(store))).containsExactly("A");
        }
    }

    // ---------------------------------------------------------------- 4. the renewed secret id and a child the revoked party still reads

    @Test
    void aChildTheRevokingPartyCannotReadKeepsTheOldSecretId() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        a.shareWith(patient(store), "B");
        DelegationService b = TestParties.as("B", provider, store);
        b.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"CB\",\"descr\":\"B's\"}", "t"), patient(store));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C1\",\"descr\":\"A's\"}", "t"), patient(store));
        Set<String> oldSecretIds = b.secretForeignKeys(patient(store));

        RevocationResult result = Revocation.by(TestParties.as("A", provider, store)).revokeWithCascade(patient(store), "B");
        assertThat(result.skipped()).extracting(skipped -> skipped.entity().id()).containsExactly("CB");
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"LATER\",\"descr\":\"after revoke\"}", "t"),
                patient(store));
        Set<String> renewed = a.secretForeignKeys(patient(store));
        assertThat(renewed).doesNotContainAnyElementsOf(oldSecretIds);

        // B still reads CB (its own), which keeps the old secret id: B does not learn the new one from it
        EncryptableEntity<?> cb = store.entity(EntityType.CONTACT, "CB").orElseThrow();
        assertThat(b.canRead(cb)).isTrue();
        assertThat(cb.secretForeignKeys()).containsAnyElementsOf(oldSecretIds).doesNotContainAnyElementsOf(renewed);
        for (String tag : cb.secretForeignKeys()) {
            assertThat(store.bySecretForeignKey(EntityType.CONTACT, tag)).extracting(EncryptableEntity::id).doesNotContain("LATER");
        }
        // C1, which A re-keyed, carries the new one (a party that can see the store and knows C1's id sees it: README)
        assertThat(store.entity(EntityType.CONTACT, "C1").orElseThrow().secretForeignKeys()).containsAnyElementsOf(renewed);
        assertThat(a.childrenOf(patient(store), EntityType.CONTACT)).extracting(EncryptableEntity::id)
                .containsExactlyInAnyOrder("C1", "LATER");
    }

    @Test
    void withoutCascadeEveryChildTheRevokingPartyReadsGetsTheNewSecretIdAndTheOthersKeepTheOld() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        a.shareWith(patient(store), "B");
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"MINE\",\"descr\":\"A's\"}", "t"), patient(store));
        TestParties.as("B", provider, store).createChild(EntityType.CONTACT,
                MedcryptJson.parseObject("{\"id\":\"CB\",\"descr\":\"B's\"}", "t"), patient(store));
        Set<String> old = a.secretForeignKeys(patient(store));

        RevocationResult result = Revocation.by(TestParties.as("A", provider, store)).revoke(patient(store), "B");
        Set<String> renewed = a.secretForeignKeys(patient(store));
        assertThat(result.relinked()).extracting(EntityRef::id).containsExactly("MINE");
        assertThat(store.entity(EntityType.CONTACT, "CB").orElseThrow().secretForeignKeys())
                .containsAnyElementsOf(old).doesNotContainAnyElementsOf(renewed);
        assertThat(a.childrenOf(patient(store), EntityType.CONTACT)).extracting(EncryptableEntity::id).containsExactly("MINE");
    }

    /** The parties an entity's maps name, as map keys, delegates or owners. */
    private static final class EntityRefs {
        static Set<String> mentioned(EncryptableEntity<?> entity) {
            Set<String> parties = new java.util.TreeSet<>();
            for (org.medcrypt.model.DelegationKind kind : org.medcrypt.model.DelegationKind.values()) {
                entity.delegationMap(kind).forEach((key, entries) -> {
                    parties.add(key);
                    entries.forEach(entry -> {
                        parties.add(entry.owner());
                        parties.add(entry.delegatedTo());
                    });
                });
            }
            return parties;
        }
    }
}
