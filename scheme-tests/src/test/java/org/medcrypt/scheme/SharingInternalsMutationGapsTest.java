package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.agility.Migration;
import org.medcrypt.internal.keys.TrustPolicy;
import org.medcrypt.internal.sharing.ReadValue;
import org.medcrypt.internal.sharing.SharingAccess;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed unchecked where the sharing package meets
 * medcrypt's own code above it (the internals migration and revocation use: who granted an entry,
 * the values as the service reads them), the small-key memo against values moved to another role
 * or entity type, and the v2 copy a migration that keeps v1 writes. Real keys, on the JDK provider.
 */
class SharingInternalsMutationGapsTest {

    private static final String NOTE = "Allergic to penicillin";

    private final CryptoProvider provider = TestParties.provider("jca");

    private static ObjectNode json(String id, String field) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put(field, NOTE);
        return node;
    }

    private static SharingInternals internals(DelegationService service) {
        return SharingAccess.of(service);
    }

    // ---------------------------------------------------------------- who granted what

    @Test
    void theInternalsReadAsTheServiceReadsAndTellWhoGrantedAnEntry() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note")), "B");
        DelegationService b = TestParties.as("B", provider, store);
        Patient shared = b.shareWith(patient, "C");
        Delegation aForB = shared.delegations().get("B").get(0);
        Delegation bForC = shared.delegations().get("C").get(0);

        List<ReadValue> keys = internals(a).read(shared, DelegationKind.ENCRYPTION_KEYS);
        assertThat(keys).hasSize(1);
        ReadValue key = keys.get(0);
        assertThat(key.value()).isEqualTo(a.contentKeys(shared).iterator().next());
        assertThat(key.owner()).isEqualTo("A");
        assertThat(key.format().suite()).isEqualTo(Suite.V2_GCM_OAEP256);
        assertThat(key.toString()).contains("<redacted>", "A").doesNotContain(key.value());
        assertThat(internals(b).read(shared, DelegationKind.DELEGATIONS)).extracting(ReadValue::value)
                .containsExactlyElementsOf(b.secretForeignKeys(shared));
        assertThat(internals(a).read(shared, DelegationKind.CRYPTED_FOREIGN_KEYS)).isEmpty();
        assertThat(internals(TestParties.as("E", provider, store)).read(shared, DelegationKind.DELEGATIONS)).isEmpty();

        assertThat(internals(a).grantedByMe(shared, DelegationKind.DELEGATIONS, aForB)).isTrue();
        assertThat(internals(a).grantedByMe(shared, DelegationKind.DELEGATIONS, bForC)).as("B's grant").isFalse();
        assertThat(internals(b).grantedByMe(shared, DelegationKind.DELEGATIONS, bForC)).isTrue();
        assertThat(internals(b).grantedByMe(shared, DelegationKind.DELEGATIONS, aForB)).as("A's grant").isFalse();
        // an entry that claims to be A's but does not open
        Delegation forged = new Delegation("A", "E", aForB.key().substring(0, aForB.key().length() - 4) + "AAAA");
        assertThat(internals(a).grantedByMe(shared, DelegationKind.DELEGATIONS, forged)).isFalse();

        assertThat(internals(a).pairKeys().policy()).isEqualTo(TrustPolicy.defaults());
        assertThat(internals(TestParties.as("A", provider, store, builder -> builder.trustUnsignedPairKeys(true)))
                .pairKeys().policy().trustUnsignedPairKeys()).isTrue();
        assertThat(internals(a).formats().of(Suite.V1_ICURE).suite()).isEqualTo(Suite.V1_ICURE);
        assertThat(internals(a).formats().ofValue(aForB.key()).suite()).isEqualTo(Suite.V2_GCM_OAEP256);
    }

    /** An iCure-style v1 pair key A→E that A never signed: hcPartyKeys[E] and aesExchangeKeys[A's key][E]. */
    private void plantUnsignedV1(EntityStore store) throws Exception {
        byte[] x = new byte[32];
        new java.security.SecureRandom().nextBytes(x);
        HealthcareParty a = store.party("A").orElseThrow();
        String spkiA = a.publicKey().orElseThrow();
        String spkiE = store.party("E").orElseThrow().publicKey().orElseThrow();
        String forA = HexFormat.of().formatHex(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("A")),
                OaepParameters.SHA1_MGF1_SHA1, x, new byte[0]));
        String forE = HexFormat.of().formatHex(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("E")),
                OaepParameters.SHA1_MGF1_SHA1, x, new byte[0]));
        store.saveParty(a.withPairKey("E", spkiA, KeyFingerprint.of(spkiA).value(), forA, KeyFingerprint.of(spkiE).value(), forE));
    }

    @Test
    void anUnsignedV1KeyIsReadAsSuchAndSharedUnderOnlyByAnOwnerThatTrustsIt() throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService trusting = TestParties.as("A", provider, store,
                builder -> builder.suite(Suite.V1_ICURE).trustUnsignedPairKeys(true));
        DelegationService strict = TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE));
        Patient p1 = trusting.createPatient(json("p1", "note"));
        Patient p2 = trusting.createPatient(json("p2", "note"));
        plantUnsignedV1(store);

        // the trusting owner shares under the key as it is
        Patient shared = trusting.shareWith(store.patient("p1").orElseThrow(), "E");
        assertThat(store.party("A").orElseThrow().pairKeyEntries("E")).as("no new pair key").isEmpty();
        var read = TestParties.as("E", provider, store).decrypt(shared);
        assertThat(read.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(read.provenance()).contains(Provenance.UNSIGNED);
        assertThat(read.readUnderUnsignedPairKey()).isTrue();
        Delegation underUnsigned = shared.delegations().get("E").get(0);
        assertThat(internals(trusting).grantedByMe(shared, DelegationKind.DELEGATIONS, underUnsigned)).isTrue();
        assertThat(internals(strict).grantedByMe(shared, DelegationKind.DELEGATIONS, underUnsigned))
                .as("readable, but not a key the strict owner shares under").isFalse();
        assertThat(strict.canRead(shared)).isTrue();

        // the strict owner makes a signed key instead, and the unsigned one is never shared under again
        Patient strictShare = strict.shareWith(store.patient("p2").orElseThrow(), "E");
        assertThat(store.party("A").orElseThrow().pairKeyEntries("E")).isNotEmpty();
        assertThat(TestParties.as("E", provider, store).decrypt(strictShare).provenance()).contains(Provenance.PUBLISHED);
        Patient p3 = trusting.createPatient(json("p3", "note"));
        Patient later = trusting.shareWith(p3, "E");
        assertThat(TestParties.as("E", provider, store).decrypt(later).provenance()).as("the signed key, not the displaced one")
                .contains(Provenance.PUBLISHED);
        assertThat(p2.id()).isEqualTo("p2");
        assertThat(p1.id()).isEqualTo("p1");
    }

    // ---------------------------------------------------------------- the memo against moved values

    @Test
    void aValueMovedToAnotherRoleOfTheSameEntityIsNotTakenFromTheMemo() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note")), "B");
        PairKeyCache cache = PairKeyCache.create();
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.pairKeyCache(cache));
        String contentKey = b.contentKeys(patient).iterator().next();
        assertThat(b.secretForeignKeys(patient)).doesNotContain(contentKey);

        // the store puts B's content key entry where B's secret id entry was: children would carry the content key in clear
        Patient moved = patient.withDelegationMap(DelegationKind.DELEGATIONS,
                Map.of("A", patient.delegations().get("A"), "B", patient.encryptionKeys().get("B")));
        assertThatThrownBy(() -> b.secretForeignKeys(moved)).isInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> b.createChild(EntityType.CONTACT, json("c", "descr"), moved))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aValueMovedToAnEntityOfAnotherTypeWithTheSameIdIsNotTakenFromTheMemo() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.shareWith(a.createPatient(json("x", "note")), "B");
        EncryptableEntity<?> child = a.createChild(EntityType.CONTACT, json("x", "descr"), patient);
        DelegationService b = TestParties.as("B", provider, store);
        String patientsKey = b.contentKeys(patient).iterator().next();

        // the store gives the contact x the patient x's content key entry for B
        EncryptableEntity<?> moved = child.withDelegationMap(DelegationKind.ENCRYPTION_KEYS,
                Map.of("A", child.encryptionKeys().get("A"), "B", patient.encryptionKeys().get("B")));
        assertThatThrownBy(() -> b.contentKeys(moved)).isInstanceOf(DecryptionFailedException.class);
        assertThat(patientsKey).isNotEmpty();
    }

    // ---------------------------------------------------------------- the v2 copy kept beside v1

    @Test
    void aReaderWithAV2ContentKeyReadsOnlyTheV2CopyAndOneWithV1KeysOnlyReadsV1() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE));
        a.shareWith(a.createPatient(json("p", "note")), "B");
        Patient untouched = a.shareWith(a.createPatient(json("v1only", "note")), "B");
        Migration.toV2(TestParties.as("A", provider, store)).keepingV1().run();
        Patient migrated = store.patient("p").orElseThrow();
        String copy = migrated.field("medcryptEncryptedSelf").orElseThrow().asText();
        String v1 = migrated.encryptedSelf().orElseThrow();
        assertThat(copy).startsWith("mc2:");

        assertThat(TestParties.as("A", provider, store).decrypt(migrated).suite()).contains(Suite.V2_GCM_OAEP256);
        var byB = TestParties.as("B", provider, store).decrypt(migrated);
        assertThat(byB.suite()).contains(Suite.V2_GCM_OAEP256);
        assertThat(byB.field("note").orElseThrow().asText()).isEqualTo(NOTE);

        // the store puts the v1 ciphertext, or something that is not text, where the v2 copy was: no fallback to v1
        for (ObjectNode forged : List.of(withCopy(migrated, v1), withCopyNumber(migrated))) {
            Patient swapped = Patient.fromJson(forged);
            assertThatThrownBy(() -> TestParties.as("B", provider, store).decrypt(swapped))
                    .isInstanceOf(DecryptionFailedException.class);
        }

        // a v2 copy the store adds to a v1 entity (as it was before the migration: v1 keys only): B reads encryptedSelf
        Patient planted = Patient.fromJson(withCopy(untouched, copy));
        var read = TestParties.as("B", provider, store).decrypt(planted);
        assertThat(read.suite()).contains(Suite.V1_ICURE);
        assertThat(read.field("note").orElseThrow().asText()).isEqualTo(NOTE);
    }

    private static ObjectNode withCopy(Patient patient, String value) {
        ObjectNode node = patient.toJson();
        node.put("medcryptEncryptedSelf", value);
        return node;
    }

    private static ObjectNode withCopyNumber(Patient patient) {
        ObjectNode node = patient.toJson();
        node.put("medcryptEncryptedSelf", 42);
        return node;
    }
}
