package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medcrypt.KeyException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed the other tests left unchecked in the
 * signature of a party's published RSA key: a party whose signature the store replaced signs its
 * key again when it publishes, and a sharer that refuses an unsigned key says what to do (pin the
 * key, unless it is pinned already). Real keys, on the JDK provider.
 */
class PublishedKeyMutationGapsTest {

    private final CryptoProvider provider = TestParties.provider("jca");

    private static ObjectNode patient(String id) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put("note", "the note of " + id);
        return node;
    }

    /** B's and C's keys published; then the store gives B's document C's signature (of C's key). */
    private EntityStore withBsSignatureSwapped() {
        EntityStore store = TestParties.newStore();
        TestParties.as("B", provider, store).publishKeys();
        TestParties.as("C", provider, store).publishKeys();
        HealthcareParty b = store.party("B").orElseThrow();
        store.saveParty(b.withPublicKeySignature(store.party("C").orElseThrow().publicKeySignature().orElseThrow()));
        return store;
    }

    @Test
    void aPartyWhoseSignatureTheStoreReplacedSignsItsKeyAgainWhenItPublishes() {
        EntityStore store = withBsSignatureSwapped();
        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.createPatient(patient("p"));
        assertThatThrownBy(() -> a.shareWith(patient, "B")).isExactlyInstanceOf(KeyException.class);

        DelegationService b = TestParties.as("B", provider, store);
        assertThat(b.publishKeys()).as("the replaced signature does not verify: B signs again").isTrue();
        assertThat(b.publishKeys()).as("then nothing is left to publish").isFalse();
        Patient shared = a.shareWith(store.patient("p").orElseThrow(), "B");
        assertThat(b.decrypt(shared).field("note").orElseThrow().asText()).isEqualTo("the note of p");
    }

    @Test
    void theRefusalOfAnUnsignedKeySaysToPinItUnlessItIsPinned() {
        EntityStore store = withBsSignatureSwapped();
        DelegationService unpinned = TestParties.as("A", provider, store);
        Patient patient = unpinned.createPatient(patient("p"));
        assertThatThrownBy(() -> unpinned.shareWith(patient, "B")).isExactlyInstanceOf(KeyException.class)
                .hasMessageContaining("not signed by the signing key its document publishes")
                .hasMessageEndingWith(", and pin its signing key");

        String bSigningKey = DataOwnerKeys.fromPkcs8("B", provider, List.of(TestParties.rsaPkcs8("B"),
                TestParties.signingPkcs8("B"))).currentSigningKey().orElseThrow().publicKeyHex();
        DelegationService pinned = TestParties.as("A", provider, store, builder -> builder.pinSigningKey("B", bSigningKey));
        assertThatThrownBy(() -> pinned.shareWith(store.patient("p").orElseThrow(), "B")).isExactlyInstanceOf(KeyException.class)
                .hasMessageContaining("not signed by the signing key pinned for it")
                .hasMessageNotContaining("pin its signing key");
        assertThat(store.patient("p").orElseThrow().delegations()).containsOnlyKeys("A");
    }
}
