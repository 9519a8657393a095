package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.FormatException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DocumentLimits;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * A writer of A's document (the store, or anyone who can write it) puts junk where A's pair key
 * with E would go: {@code aesExchangeKeys[A's key][E]}, {@code hcPartyKeys[E]}. Before the fix,
 * A's share with E failed with an {@link IllegalStateException} ("nothing to displace", "already
 * stores a pair key"), every time: A could never share with E (issue 9, item 3). Now A makes a new
 * signed pair key, keeps the junk aside as a displaced entry (never shared under), and E reads;
 * a document filled over {@link DocumentLimits} is refused with an error that names the limit.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class BlockedSharingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    String providerId;

    private CryptoProvider provider;
    private EntityStore store;

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
        store = TestParties.newStore();
    }

    private DelegationService as(String party, Suite suite) {
        return TestParties.as(party, provider, store, builder -> builder.suite(suite));
    }

    /** The store's edit of A's document. */
    private void editA(Consumer<ObjectNode> change) {
        ObjectNode json = store.party("A").orElseThrow().toJson();
        change.accept(json);
        store.saveParty(HealthcareParty.fromJson(json));
    }

    private String spki(String party) {
        return store.party(party).orElseThrow().publicKey().orElseThrow();
    }

    private static String junkHex(int bytes) {
        byte[] junk = new byte[bytes];
        RANDOM.nextBytes(junk);
        return HEX.formatHex(junk);
    }

    private ObjectNode slotForE(ObjectNode json) {
        ObjectNode exchange = json.has("aesExchangeKeys") ? (ObjectNode) json.get("aesExchangeKeys") : json.putObject("aesExchangeKeys");
        ObjectNode byOwnerKey = exchange.has(spki("A")) ? (ObjectNode) exchange.get(spki("A")) : exchange.putObject(spki("A"));
        return byOwnerKey.putObject("E");
    }

    /** A creates a patient in {@code suite}, the store plants {@code junk}, A shares with E, E reads the note. */
    private void shareDespite(Suite suite, Consumer<ObjectNode> junk) {
        DelegationService a = as("A", suite);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"for E\"}", "t"));
        editA(junk);
        Patient shared = as("A", suite).shareWith(store.patient("P").orElseThrow(), "E");
        assertThat(shared.delegations()).containsKey("E");
        assertThat(as("E", suite).decrypt(store.patient("P").orElseThrow()).field("note").map(JsonNode::asText))
                .contains("for E");
    }

    @Test
    void anEmptySlotForEDoesNotBlockAV1Share() {
        shareDespite(Suite.V1_ICURE, json -> slotForE(json));
    }

    @Test
    void malformedCopiesInTheSlotForEDoNotBlockAV1Share() {
        shareDespite(Suite.V1_ICURE, json -> slotForE(json).put(KeyFingerprint.of(spki("E")).value(), "not hex at all")
                .put("zz", junkHex(256)));
    }

    @Test
    void wellFormedJunkCopiesForAAndEDoNotBlockAV1Share() {
        shareDespite(Suite.V1_ICURE, json -> slotForE(json).put(KeyFingerprint.of(spki("A")).value(), junkHex(256))
                .put(KeyFingerprint.of(spki("E")).value(), junkHex(256)));
    }

    @Test
    void junkInHcPartyKeysAndTheSlotDoesNotBlockAV1Share() {
        shareDespite(Suite.V1_ICURE, json -> {
            slotForE(json).put(KeyFingerprint.of(spki("E")).value(), junkHex(256));
            ObjectNode legacy = json.has("hcPartyKeys") ? (ObjectNode) json.get("hcPartyKeys") : json.putObject("hcPartyKeys");
            legacy.putArray("E").add(junkHex(256)).add("");
        });
    }

    @Test
    void junkUnderEDoesNotBlockAV2Share() {
        shareDespite(Suite.V2_GCM_OAEP256, json -> {
            slotForE(json).put(KeyFingerprint.of(spki("E")).value(), junkHex(256));
            ObjectNode pairKeys = json.has(HealthcareParty.PAIR_KEYS) ? (ObjectNode) json.get(HealthcareParty.PAIR_KEYS)
                    : json.putObject(HealthcareParty.PAIR_KEYS);
            pairKeys.putArray("E").addObject().put("suite", "v2").put("id", "junk").put("ownerKey", "x").put("delegateKey", "y")
                    .put("forOwner", junkHex(256)).put("forDelegate", junkHex(256)).put("signature", "mc2:junk");
        });
    }

    @Test
    void aDocumentFilledOverTheLimitsIsRefusedWithAnErrorThatNamesTheLimitAndChangesNothing() {
        DelegationService a = as("A", Suite.V1_ICURE);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"for E\"}", "t"));
        String fingerprintA = KeyFingerprint.of(spki("A")).value();
        editA(json -> {
            ObjectNode exchange = (ObjectNode) json.get("aesExchangeKeys");
            for (int i = 0; i <= DocumentLimits.MAX_OWNER_KEYS_PER_PAIR; i++) {
                exchange.putObject(junkHex(40)).putObject("E").put(fingerprintA, junkHex(256));
            }
        });
        String before = TestParties.snapshot(store);
        assertThatThrownBy(() -> as("A", Suite.V1_ICURE).shareWith(store.patient("P").orElseThrow(), "E"))
                .isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("healthcare party 'A' holds 17 copies of its v1 pair key with 'E' for 'A'")
                .hasMessageContaining("DocumentLimits.MAX_OWNER_KEYS_PER_PAIR");
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
    }

    @Test
    void theJunkIsNeverSharedUnderAndTheShareIsRepeatable() {
        shareDespite(Suite.V1_ICURE, json -> slotForE(json).put(KeyFingerprint.of(spki("E")).value(), junkHex(256)));
        // a second share (another patient) uses the new signed key, not the junk
        DelegationService a = as("A", Suite.V1_ICURE);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P2\",\"note\":\"second\"}", "t"));
        a.shareWith(store.patient("P2").orElseThrow(), "E");
        assertThat(as("E", Suite.V1_ICURE).decrypt(store.patient("P2").orElseThrow()).field("note").map(JsonNode::asText))
                .contains("second");
        assertThat(store.party("A").orElseThrow().pairKeyEntries("E")).extracting(entry -> entry.signature().isPresent())
                .contains(true);
        assertThat(List.of(store.party("A").orElseThrow().aesExchangeKeys().get(spki("A")).get("E").keySet()))
                .isNotEmpty();
    }
}
