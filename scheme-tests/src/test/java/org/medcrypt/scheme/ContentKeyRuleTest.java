package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.medcrypt.keys.PairKeyCache;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.ProviderException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;
import org.medcrypt.tck.V2Reference;

/**
 * The content-key rule against a store that rewrites documents (issue 9, item 1). A v1 small key
 * carries no role: the store can move a reader's parent id (public: in iCure a bare UUID, the
 * patient's id) or secret id (public: every child carries it in clear) from the map it was written
 * in into {@code encryptionKeys}, drop the original, and write an {@code encryptedSelf} under it.
 * Each test performs the attack with plain JCA, from the documents alone, and checks that the
 * reader refuses the value as a content key instead of showing the store's text. Before the fix,
 * the first two showed "forged by the store" (the check took its exclusions only from the maps the
 * store had just emptied).
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class ContentKeyRuleTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FORGED = "forged by the store";

    @Parameter
    String providerId;

    private CryptoProvider provider;
    private EntityStore store;
    private String patientId;
    private final Map<String, PairKeyCache> caches = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
    }

    /**
     * Each party reads with one cache for the whole test, so every attack below meets a warm cache:
     * B has read the real contact and patient, and keeps their content keys (see {@code KeyCache}'s
     * content-key memo), which must not let any rearranged value through.
     */
    private DelegationService as(String party, Suite suite) {
        PairKeyCache cache = caches.computeIfAbsent(party, p -> PairKeyCache.create());
        return TestParties.as(party, provider, store, builder -> builder.suite(suite).pairKeyCache(cache));
    }

    /** A creates a patient (a UUID id, as in iCure) and a contact of it in {@code suite}, shares both with B. */
    private void sharedWithB(Suite suite) {
        store = TestParties.newStore();
        patientId = UUID.randomUUID().toString();
        DelegationService a = as("A", suite);
        Patient patient = a.createPatient(json("{\"id\":\"" + patientId + "\",\"note\":\"real note\"}"));
        a.createChild(EntityType.CONTACT, json("{\"id\":\"c1\",\"descr\":\"real descr\"}"), patient);
        a.shareWithCascade(store.patient(patientId).orElseThrow(), "B");
        DelegationService b = as("B", suite);
        assertThat(decrypt(b, contact()).field("descr").map(JsonNode::asText)).contains("real descr");
        assertThat(b.decrypt(store.patient(patientId).orElseThrow()).field("note").map(JsonNode::asText)).contains("real note");
    }

    private EncryptableEntity<?> contact() {
        return store.entity(EntityType.CONTACT, "c1").orElseThrow();
    }

    /** The store's edit of one stored entity, as JSON. */
    private void edit(EntityType type, String id, UnaryOperator<ObjectNode> change) {
        ObjectNode json = store.entity(type, id).orElseThrow().toJson();
        store.save(Dataset.entity(type, change.apply(json)));
    }

    private String decryptedField(String party, EntityType type, String id, String field) {
        return decrypt(as(party, Suite.V1_ICURE), store.entity(type, id).orElseThrow()).field(field)
                .map(JsonNode::asText).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((T) entity);
    }

    // ---------------------------------------------------------------- v1: a parent id as content key

    @Test
    void aContactsParentIdMovedIntoEncryptionKeysIsNotTakenAsItsContentKey() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        // the store: B's cryptedForeignKeys entry (A→B, "c1:<patient id>") becomes B's only
        // encryptionKeys entry; encryptedSelf is the store's, under the patient id, which is public
        edit(EntityType.CONTACT, "c1", json -> {
            JsonNode parentIdForB = json.get("cryptedForeignKeys").get("B");
            ((ObjectNode) json.get("encryptionKeys")).set("B", parentIdForB);
            ((ObjectNode) json.get("cryptedForeignKeys")).remove("B");
            return json.put("encryptedSelf", v1EncryptedSelf(patientId, "{\"descr\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> decryptedField("B", EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aContactsParentIdIsRefusedEvenWhenTheStoreKeepsEveryOtherMapConsistent() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        // the same, and the store fills cryptedForeignKeys with B's delegations entry (so B still
        // opens a "parent id"): the patient's id is still an entity id the reader can see
        edit(EntityType.CONTACT, "c1", json -> {
            JsonNode parentIdForB = json.get("cryptedForeignKeys").get("B");
            ((ObjectNode) json.get("encryptionKeys")).set("B", parentIdForB);
            ((ObjectNode) json.get("cryptedForeignKeys")).set("B", json.get("delegations").get("B").deepCopy());
            return json.put("encryptedSelf", v1EncryptedSelf(patientId, "{\"descr\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> decryptedField("B", EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    /**
     * The store rearranges all three maps: B's parent id into encryptionKeys, B's content key into
     * cryptedForeignKeys (so B still opens a parent id, distinct from its secret id), and stops
     * serving the patient (so the parent id is no stored entity's id). The parent id B opens then
     * names no stored entity, which the store cannot fix: it would have to serve a patient whose id
     * is the secret content key.
     */
    @Test
    void aContactsParentIdIsRefusedEvenWhenTheStoreRearrangesEveryMapAndHidesThePatient() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        edit(EntityType.CONTACT, "c1", json -> {
            JsonNode parentIdForB = json.get("cryptedForeignKeys").get("B");
            ((ObjectNode) json.get("cryptedForeignKeys")).set("B", json.get("encryptionKeys").get("B"));
            ((ObjectNode) json.get("encryptionKeys")).set("B", parentIdForB);
            return json.put("encryptedSelf", v1EncryptedSelf(patientId, "{\"descr\":\"" + FORGED + "\"}"));
        });
        EntityStore without = new InMemoryEntityStore();
        for (String party : List.of("A", "B", "C", "D", "E")) {
            without.saveParty(store.party(party).orElseThrow());
        }
        without.save(contact());
        store = without;
        assertThatThrownBy(() -> decryptedField("B", EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    // ---------------------------------------------------------------- v1: a secret id as content key

    @Test
    void aPatientsSecretIdMovedIntoEncryptionKeysIsNotTakenAsItsContentKey() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        // the secret id is in clear in the contact; the store moves B's delegations entry of the
        // patient into encryptionKeys, drops it from delegations, and writes encryptedSelf under it
        String secretId = contact().secretForeignKeys().get(0);
        edit(EntityType.PATIENT, patientId, json -> {
            JsonNode secretIdForB = json.get("delegations").get("B");
            ((ObjectNode) json.get("encryptionKeys")).set("B", secretIdForB);
            ((ObjectNode) json.get("delegations")).remove("B");
            return json.put("encryptedSelf", v1EncryptedSelf(secretId, "{\"note\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> decryptedField("B", EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aPatientsSecretIdIsRefusedEvenWhenTheStoreAlsoHidesTheChildThatCarriesIt() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        String secretId = contact().secretForeignKeys().get(0);
        edit(EntityType.PATIENT, patientId, json -> {
            JsonNode secretIdForB = json.get("delegations").get("B");
            ((ObjectNode) json.get("encryptionKeys")).set("B", secretIdForB);
            ((ObjectNode) json.get("delegations")).remove("B");
            return json.put("encryptedSelf", v1EncryptedSelf(secretId, "{\"note\":\"" + FORGED + "\"}"));
        });
        // the store no longer serves the contact: nothing the reader sees carries the secret id
        EntityStore without = new InMemoryEntityStore();
        for (String party : List.of("A", "B", "C", "D", "E")) {
            without.saveParty(store.party(party).orElseThrow());
        }
        without.save(store.patient(patientId).orElseThrow());
        store = without;
        assertThat(store.entity(EntityType.CONTACT, "c1")).isEmpty();
        assertThatThrownBy(() -> decryptedField("B", EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void aSecretIdCopiedFromAnotherEntryOfTheSameOwnerIsRefusedToo() throws Exception {
        sharedWithB(Suite.V1_ICURE);
        // A's own delegations entry (A→A) copied over B's encryptionKeys: B cannot open it (A→A),
        // A can; A reading must not take its own secret id as the content key either
        String secretId = contact().secretForeignKeys().get(0);
        edit(EntityType.PATIENT, patientId, json -> {
            ((ObjectNode) json.get("encryptionKeys")).set("A", json.get("delegations").get("A"));
            return json.put("encryptedSelf", v1EncryptedSelf(secretId, "{\"note\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> decryptedField("A", EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    // ---------------------------------------------------------------- v2

    @Test
    void v2AContentKeyAnotherWriterSetToThePatientsSecretIdIsNotTaken() throws Exception {
        sharedWithB(Suite.V2_GCM_OAEP256);
        // v2 binds each value to its role, so the store cannot move one; but a party with a signed
        // pair key with B (Z) can write an encryptionKeys value equal to the patient's secret id,
        // which every child shows in clear: whatever is then written under it, the store reads
        String secretId = contact().secretForeignKeys().get(0);
        byte[][] zToB = StoreForgery.partyWithSignedV2PairKey(provider, store, "Z", "B");
        edit(EntityType.PATIENT, patientId, json -> {
            ArrayNode forB = (ArrayNode) json.get("encryptionKeys").get("B");
            forB.removeAll();
            forB.addObject().put("owner", "Z").put("delegatedTo", "B").put("key", unchecked(() -> V2Reference.smallKey(
                    zToB[0], 2, zToB[1], random(12), "PATIENT", patientId, "Z", "B", secretId)));
            return json.put("encryptedSelf", unchecked(() -> V2Reference.encryptedSelf(HEX.parseHex(secretId), random(32),
                    random(12), "PATIENT", patientId, "{\"note\":\"" + FORGED + "\"}")));
        });
        assertThatThrownBy(() -> as("B", Suite.V2_GCM_OAEP256).decrypt(store.patient(patientId).orElseThrow()))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    private interface Failing<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Failing<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- creation

    @Test
    void creationNeverMakesAContentKeyEqualToASecretId() {
        store = TestParties.newStore();
        // a random source that repeats itself: every "new" key would be the same value
        CountingProvider repeating = new CountingProvider(provider, bytes -> java.util.Arrays.fill(bytes, (byte) 7));
        DelegationService a = TestParties.as("A", repeating, store, builder -> builder.suite(Suite.V1_ICURE));
        assertThatThrownBy(() -> a.createPatient(json("{\"id\":\"p-repeat\",\"note\":\"x\"}")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("random");
        assertThat(store.patient("p-repeat")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** iCure's encryptedSelf: base64(IV ‖ AES-CBC(key, JSON)), the key a UUID's 16 bytes or hex. */
    private static String v1EncryptedSelf(String uuidOrHexKey, String fields) throws RuntimeException {
        try {
            byte[] iv = random(16);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(uuidOrHexKey.replace("-", "")), "AES"),
                    new IvParameterSpec(iv));
            byte[] body = aes.doFinal(fields.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + body.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(body, 0, out, iv.length, body.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
