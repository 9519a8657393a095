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

    @ParameterizedTest(name = "{0} writes, {1} reads")
    @MethodSource("org.medcrypt.interop.Providers#pairs")
    void dataWrittenWithOneProviderOpensWithAnother(String writerId, String readerId) {
        CryptoProvider writer = Providers.get(writerId);
        CryptoProvider reader = Providers.get(readerId);
        EntityStore written = Parties.newStore();
        DelegationService a = Parties.as("A", writer, written);
        Patient patient = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"note\":\"written by " + writerId + "\"}", "p"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject(
                "{\"id\":\"4567\",\"descr\":\"contact by " + writerId + "\"}", "c"), patient);
        a.shareWithCascade(patient, "B");

        EntityStore atReader = transfer(written);
        DelegationService b = Parties.as("B", reader, atReader);
        Patient opened = atReader.patient("1234").orElseThrow();
        assertThat(b.decrypt(opened).field("note").map(JsonNode::asText)).contains("written by " + writerId);
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
