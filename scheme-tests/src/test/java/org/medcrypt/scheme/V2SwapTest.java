package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medcrypt.scheme.V2TamperTest.indexOf;
import static org.medcrypt.scheme.V2TamperTest.set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/**
 * A store moves a v2 value to another entity, entity type, role, delegate or owner: each move is
 * refused with the one generic {@link DecryptionFailedException} (the associated data binds all
 * of them). In v1 several of these moves go undetected; see the README.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class V2SwapTest {

    @Parameter
    String providerId;

    private CryptoProvider provider;
    private ObjectNode dataset;

    @BeforeEach
    void aSharesTwoPatientsAndTheirContactsWithBAndE() {
        provider = TestParties.provider(providerId);
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        for (String id : new String[] {"P", "Q"}) {
            Patient patient = a.createPatient(MedcryptJson.parseObject("{\"id\":\"" + id + "\",\"note\":\"note of " + id + "\"}", "t"));
            a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"c" + id + "\",\"descr\":\"d\"}", "t"), patient);
        }
        // a contact with the same id as patient P: only the entity type tells their values apart
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"P\",\"descr\":\"same id\"}", "t"),
                store.patient("Q").orElseThrow());
        for (String id : new String[] {"P", "Q"}) {
            a.shareWithCascade(store.patient(id).orElseThrow(), "B");
            a.shareWithCascade(store.patient(id).orElseThrow(), "E");
        }
        dataset = Dataset.empty().with(store).toJson();
    }

    private String patient(String id) {
        return "/patients/" + indexOf(dataset, "patients", id);
    }

    private String contact(String id) {
        return "/contacts/" + indexOf(dataset, "contacts", id);
    }

    /** Copies the value at {@code from} over the one at {@code to}; then {@code read} must fail for {@code reader}. */
    private void moveAndExpectFailure(String from, String to, String reader, Consumer<DelegationService> read) {
        // the control: before the move, the read works
        read.accept(TestParties.as(reader, provider, Dataset.fromJson(dataset).toStore()));
        ObjectNode copy = dataset.deepCopy();
        set(copy, to, copy.at(from).asText());
        DelegationService service = TestParties.as(reader, provider, Dataset.fromJson(copy).toStore());
        assertThatThrownBy(() -> read.accept(service)).as(from + " → " + to)
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    private static Consumer<DelegationService> secretIdsOf(String patient) {
        return service -> service.secretForeignKeys(service.store().patient(patient).orElseThrow());
    }

    private static Consumer<DelegationService> decryptPatient(String patient) {
        return service -> service.decrypt(service.store().patient(patient).orElseThrow());
    }

    private static Consumer<DelegationService> parentOf(String contact) {
        return service -> service.parentIds(service.store().entity(EntityType.CONTACT, contact).orElseThrow());
    }

    @Test
    void aValueMovedToAnotherEntityIsRefused() {
        moveAndExpectFailure(patient("Q") + "/delegations/B/0/key", patient("P") + "/delegations/B/0/key", "B", secretIdsOf("P"));
        moveAndExpectFailure(patient("Q") + "/encryptionKeys/B/0/key", patient("P") + "/encryptionKeys/B/0/key", "B", decryptPatient("P"));
        moveAndExpectFailure(patient("Q") + "/encryptedSelf", patient("P") + "/encryptedSelf", "B", decryptPatient("P"));
        moveAndExpectFailure(contact("cQ") + "/cryptedForeignKeys/B/0/key", contact("cP") + "/cryptedForeignKeys/B/0/key", "B", parentOf("cP"));
    }

    @Test
    void aValueMovedToAnEntityOfAnotherTypeWithTheSameIdIsRefused() {
        moveAndExpectFailure(contact("P") + "/delegations/B/0/key", patient("P") + "/delegations/B/0/key", "B", secretIdsOf("P"));
        moveAndExpectFailure(contact("P") + "/encryptionKeys/B/0/key", patient("P") + "/encryptionKeys/B/0/key", "B", decryptPatient("P"));
    }

    @Test
    void aValueMovedToAnotherRoleIsRefused() {
        // a secret id (which children carry in clear) or a parent id (public in iCure) taken as a content key
        moveAndExpectFailure(patient("P") + "/delegations/B/0/key", patient("P") + "/encryptionKeys/B/0/key", "B", decryptPatient("P"));
        moveAndExpectFailure(patient("P") + "/encryptionKeys/B/0/key", patient("P") + "/delegations/B/0/key", "B", secretIdsOf("P"));
        moveAndExpectFailure(contact("cP") + "/delegations/B/0/key", contact("cP") + "/cryptedForeignKeys/B/0/key", "B", parentOf("cP"));
        moveAndExpectFailure(contact("cP") + "/cryptedForeignKeys/B/0/key", contact("cP") + "/encryptionKeys/B/0/key", "B",
                service -> service.decrypt((org.medcrypt.model.Contact) service.store().entity(EntityType.CONTACT, "cP").orElseThrow()));
    }

    @Test
    void aValueMovedToAnotherDelegateOrOwnerIsRefused() {
        // A's value for E, put in B's list (owner A, delegatedTo B): names A→E's pair key, which B cannot use
        moveAndExpectFailure(patient("P") + "/delegations/E/0/key", patient("P") + "/delegations/B/0/key", "B", secretIdsOf("P"));
        moveAndExpectFailure(patient("P") + "/encryptionKeys/B/0/key", patient("P") + "/encryptionKeys/E/0/key", "E", decryptPatient("P"));
        // A's value for itself, put in B's list
        moveAndExpectFailure(patient("P") + "/delegations/A/0/key", patient("P") + "/delegations/B/0/key", "B", secretIdsOf("P"));
        // the owner field rewritten: the value is bound to A→B, not to E→B
        ObjectNode copy = dataset.deepCopy();
        set(copy, patient("P") + "/delegations/B/0/owner", "E");
        DelegationService b = TestParties.as("B", provider, Dataset.fromJson(copy).toStore());
        assertThatThrownBy(() -> secretIdsOf("P").accept(b)).isExactlyInstanceOf(DecryptionFailedException.class);
    }
}
