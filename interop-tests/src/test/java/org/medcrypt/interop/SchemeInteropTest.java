package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.Contact;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.Fixture;

/**
 * The whole scheme across providers: A (writer provider) creates and shares, B (reader
 * provider) reads, navigates and shares on with C, and C (writer provider again) reads what B
 * shared. The data goes through a dataset file's JSON between the two, as it would between two
 * machines.
 */
class SchemeInteropTest {

    /** Through JSON bytes, as between two machines. */
    private static EntityStore transfer(EntityStore store) {
        byte[] json = MedcryptJson.toBytes(Dataset.empty().with(store).toJson());
        return Dataset.parse(json, "transferred dataset").toStore();
    }

    @ParameterizedTest(name = "{2}: {0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairsAndSuites")
    void dataWrittenWithOneProviderOpensWithAnother(String writerId, String readerId, Suite suite) {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        EntityStore written = Parties.newStore();
        DelegationService a = Parties.as("A", writer, written, suite);
        Patient patient = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"note\":\"written by " + writerId + "\"}", "p"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject(
                "{\"id\":\"4567\",\"descr\":\"contact by " + writerId + "\"}", "c"), patient);
        a.shareWithCascade(patient, "B");

        EntityStore atReader = transfer(written);
        DelegationService b = Parties.as("B", reader, atReader);
        Patient opened = atReader.patient("1234").orElseThrow();
        assertThat(b.decrypt(opened).field("note").map(JsonNode::asText)).contains("written by " + writerId);
        assertThat(b.decrypt(opened).suite()).contains(suite);
        Contact contact = (Contact) b.contactsOf(opened).get(0);
        assertThat(b.decrypt(contact).field("descr").map(JsonNode::asText)).contains("contact by " + writerId);
        assertThat(b.patientOf(contact).map(Patient::id)).contains("1234");
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);
        b.shareWithCascade(opened, "C"); // B's pair key {BC}, made by the reader's provider

        EntityStore backAtWriter = transfer(atReader);
        DelegationService c = Parties.as("C", writer, backAtWriter);
        Patient seenByC = backAtWriter.patient("1234").orElseThrow();
        assertThat(c.decrypt(seenByC).field("note").map(JsonNode::asText)).contains("written by " + writerId);
        assertThat(c.decrypt((Contact) c.contactsOf(seenByC).get(0)).field("descr").map(JsonNode::asText))
                .contains("contact by " + writerId);
        // B's share kept the entity's suite
        assertThat(seenByC.delegations().get("C").get(0).key().startsWith("mc2:")).isEqualTo(suite == Suite.V2_GCM_OAEP256);
    }

    /** One dataset holding both suites: a v1 patient with a v2 contact, a v2 patient with a v1 contact. */
    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void aMixedDatasetReadsCorrectly(String writerId, String readerId) {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        EntityStore written = Parties.newStore();
        DelegationService a1 = Parties.as("A", writer, written, Suite.V1_ICURE);
        DelegationService a2 = Parties.as("A", writer, written, Suite.V2_GCM_OAEP256);
        Patient v1Patient = a1.createPatient(MedcryptJson.parseObject("{\"id\":\"P1\",\"note\":\"v1 note\"}", "p"));
        a2.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C2-of-P1\",\"descr\":\"v2 contact\"}", "c"), v1Patient);
        Patient v2Patient = a2.createPatient(MedcryptJson.parseObject("{\"id\":\"P2\",\"note\":\"v2 note\"}", "p"));
        a1.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C1-of-P2\",\"descr\":\"v1 contact\"}", "c"), v2Patient);
        a2.shareWithCascade(written.patient("P1").orElseThrow(), "B");
        a2.shareWithCascade(written.patient("P2").orElseThrow(), "B");
        EntityStore atReader = transfer(written);
        DelegationService b = Parties.as("B", reader, atReader);
        assertThat(b.decrypt(atReader.patient("P1").orElseThrow()).suite()).contains(Suite.V1_ICURE);
        assertThat(b.decrypt(atReader.patient("P2").orElseThrow()).suite()).contains(Suite.V2_GCM_OAEP256);
        assertThat(b.contactsOf(atReader.patient("P1").orElseThrow())).extracting(e -> e.id()).containsExactly("C2-of-P1");
        assertThat(b.contactsOf(atReader.patient("P2").orElseThrow())).extracting(e -> e.id()).containsExactly("C1-of-P2");
        Contact v2Contact = (Contact) atReader.entity(EntityType.CONTACT, "C2-of-P1").orElseThrow();
        Contact v1Contact = (Contact) atReader.entity(EntityType.CONTACT, "C1-of-P2").orElseThrow();
        assertThat(b.decrypt(v2Contact).field("descr").map(JsonNode::asText)).contains("v2 contact");
        assertThat(b.decrypt(v1Contact).field("descr").map(JsonNode::asText)).contains("v1 contact");
        assertThat(b.patientOf(v2Contact).map(Patient::id)).contains("P1");
        assertThat(b.patientOf(v1Contact).map(Patient::id)).contains("P2");
        // one pair key per suite A shared under: 2 RSA operations for everything
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(2);
    }

    /**
     * Both suites within one entity, as a migration that keeps v1 entries will leave it: patient PX
     * has a v2 encryptedSelf and v2 entries for B, plus the v1 entries (another secret id and
     * content key) of its v1 version; a v1 contact carries the v1 secret id, a v2 contact the v2 one.
     */
    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void anEntityHoldingBothSuitesReadsCorrectly(String writerId, String readerId) {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        // the v1 version of PX and its v1 contact
        EntityStore v1Store = Parties.newStore();
        DelegationService a1 = Parties.as("A", writer, v1Store, Suite.V1_ICURE);
        Patient v1 = a1.createPatient(MedcryptJson.parseObject("{\"id\":\"PX\",\"note\":\"v1 text\"}", "p"));
        a1.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"CX1\",\"descr\":\"v1 contact\"}", "c"), v1);
        a1.shareWithCascade(v1Store.patient("PX").orElseThrow(), "B");
        // the same parties (with A's v1 pair keys) in a second store, where A writes the v2 version
        com.fasterxml.jackson.databind.node.ObjectNode partiesOnly = Dataset.empty().with(v1Store).toJson();
        partiesOnly.putArray("patients");
        partiesOnly.putArray("contacts");
        EntityStore mixed = Dataset.fromJson(partiesOnly).toStore();
        DelegationService a2 = Parties.as("A", writer, mixed, Suite.V2_GCM_OAEP256);
        Patient v2 = a2.createPatient(MedcryptJson.parseObject("{\"id\":\"PX\",\"note\":\"v2 text\"}", "p"));
        a2.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"CX2\",\"descr\":\"v2 contact\"}", "c"), v2);
        a2.shareWithCascade(mixed.patient("PX").orElseThrow(), "B");
        // merge: PX keeps its v2 encryptedSelf and gains the v1 entries; the v1 contact joins
        Patient both = mixed.patient("PX").orElseThrow();
        Patient v1Shared = v1Store.patient("PX").orElseThrow();
        for (org.medcrypt.model.DelegationKind kind : org.medcrypt.model.DelegationKind.values()) {
            java.util.Map<String, java.util.List<org.medcrypt.model.Delegation>> map = new java.util.LinkedHashMap<>(both.delegationMap(kind));
            v1Shared.delegationMap(kind).forEach((delegate, entries) -> {
                java.util.List<org.medcrypt.model.Delegation> merged = new java.util.ArrayList<>(map.getOrDefault(delegate, java.util.List.of()));
                merged.addAll(entries);
                map.put(delegate, merged);
            });
            both = both.withDelegationMap(kind, map);
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = Dataset.empty().with(mixed).toJson();
        com.fasterxml.jackson.databind.node.ArrayNode patients = json.putArray("patients");
        patients.add(both.toJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("contacts")).add(v1Store.entity(EntityType.CONTACT, "CX1").orElseThrow().toJson());

        EntityStore atReader = Dataset.parse(MedcryptJson.toBytes(json), "mixed").toStore();
        DelegationService b = Parties.as("B", reader, atReader);
        Patient px = atReader.patient("PX").orElseThrow();
        assertThat(b.secretForeignKeys(px)).hasSize(2);
        assertThat(b.contentKeys(px)).hasSize(2);
        var seen = b.decrypt(px);
        assertThat(seen.suite()).contains(Suite.V2_GCM_OAEP256);
        assertThat(seen.field("note").map(JsonNode::asText)).contains("v2 text");
        assertThat(b.contactsOf(px)).extracting(e -> e.id()).containsExactlyInAnyOrder("CX1", "CX2");
        assertThat(b.decrypt((Contact) atReader.entity(EntityType.CONTACT, "CX1").orElseThrow()).field("descr")
                .map(JsonNode::asText)).contains("v1 contact");
        // and B shares the mixed entity on: each value keeps its suite
        b.shareWith(px, "C");
        Patient forC = atReader.patient("PX").orElseThrow();
        assertThat(forC.delegations().get("C")).extracting(d -> d.key().startsWith("mc2:")).containsExactlyInAnyOrder(true, false);
        DelegationService c = Parties.as("C", writer, atReader);
        assertThat(c.decrypt(forC).field("note").map(JsonNode::asText)).contains("v2 text");
    }

    @ParameterizedTest(name = "{1} reads the iCure SDK fixture")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void everyProviderReadsTheIndependentFixture(String ignoredWriter, String readerId) {
        if (!ignoredWriter.equals(readerId)) {
            return; // one run per provider is enough here; the pairs are covered above
        }
        CryptoProvider reader = Providers.get(readerId);
        EntityStore store = Fixture.dataset().toStore();
        DelegationService c = DelegationService.builder().provider(reader).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("C", reader, Fixture.privateKeys("C"))).build();
        assertThat(Fixture.whatCanBeRead(c)).isEqualTo(Fixture.expected().get("C"));
    }
}
