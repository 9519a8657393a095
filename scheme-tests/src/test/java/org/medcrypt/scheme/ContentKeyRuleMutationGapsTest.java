package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.ProviderException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;
import org.medcrypt.tck.V2Reference;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed was unchecked in the content-key rule on
 * one provider ({@link ContentKeyRuleTest} runs every provider, so it is left out of the PIT set):
 * each clause of the rule refuses what it exists to refuse, and only that. The store's
 * rearrangements are done on the JSON; the writers that set a content key to a public value are
 * real services whose random source the test scripts (a content key is a random UUID in v1), or a
 * party with a signed v2 pair key writing with plain JCA. Real keys, on the JDK provider.
 */
class ContentKeyRuleMutationGapsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FORGED = "forged by the store";

    private final CryptoProvider provider = TestParties.provider("jca");
    private EntityStore store;
    private String patientId;

    private DelegationService as(String party, Suite suite) {
        return TestParties.as(party, provider, store, builder -> builder.suite(suite));
    }

    /** A creates a patient (a UUID id, as in iCure) and a contact c1 of it in {@code suite}, shares both with B. */
    private void sharedWithB(Suite suite) {
        store = TestParties.newStore();
        patientId = UUID.randomUUID().toString();
        DelegationService a = as("A", suite);
        Patient patient = a.createPatient(json("{\"id\":\"" + patientId + "\",\"note\":\"real note\"}"));
        a.createChild(EntityType.CONTACT, json("{\"id\":\"c1\",\"descr\":\"real descr\"}"), patient);
        a.shareWithCascade(store.patient(patientId).orElseThrow(), "B");
        assertThat(field("B", suite, EntityType.CONTACT, "c1", "descr")).isEqualTo("real descr");
        assertThat(field("B", suite, EntityType.PATIENT, patientId, "note")).isEqualTo("real note");
    }

    private void edit(EntityType type, String id, UnaryOperator<ObjectNode> change) {
        ObjectNode json = store.entity(type, id).orElseThrow().toJson();
        store.save(Dataset.entity(type, change.apply(json)));
    }

    /** The same documents without the entity {@code type}/{@code id}: the store stops serving it. */
    private void hide(EntityType type, String id) {
        EntityStore without = new InMemoryEntityStore();
        for (String party : List.of("A", "B", "C", "D", "E")) {
            without.saveParty(store.party(party).orElseThrow());
        }
        for (EntityType each : EntityType.values()) {
            store.scanEntities(each).forEach(entity -> {
                if (!(each == type && entity.id().equals(id))) {
                    without.save(entity);
                }
            });
        }
        store = without;
        assertThat(store.entity(type, id)).isEmpty();
    }

    private String field(String party, Suite suite, EntityType type, String id, String field) {
        return decrypt(as(party, suite), store.entity(type, id).orElseThrow()).field(field).map(JsonNode::asText).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((T) entity);
    }

    @SuppressWarnings("unchecked")
    private static <T extends EncryptableEntity<T>> T share(DelegationService service, EncryptableEntity<?> entity, String with) {
        return service.shareWith((T) entity, with);
    }

    private String secretIdOfThePatient() {
        return store.entity(EntityType.CONTACT, "c1").orElseThrow().secretForeignKeys().get(0);
    }

    // ---------------------------------------------------------------- v1: what the store rearranges

    @Test
    void v1ValuesMovedIntoEncryptionKeysAreNeverTakenAsTheContentKey() {
        // the parent id (public: the patient's id) moved from cryptedForeignKeys into encryptionKeys
        sharedWithB(Suite.V1_ICURE);
        edit(EntityType.CONTACT, "c1", json -> {
            ((ObjectNode) json.get("encryptionKeys")).set("B", json.get("cryptedForeignKeys").get("B"));
            ((ObjectNode) json.get("cryptedForeignKeys")).remove("B");
            return json.put("encryptedSelf", v1EncryptedSelf(patientId, "{\"descr\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);

        // the secret id (public: every child carries it) moved from delegations into encryptionKeys
        sharedWithB(Suite.V1_ICURE);
        String secretId = secretIdOfThePatient();
        edit(EntityType.PATIENT, patientId, json -> {
            ((ObjectNode) json.get("encryptionKeys")).set("B", json.get("delegations").get("B"));
            ((ObjectNode) json.get("delegations")).remove("B");
            return json.put("encryptedSelf", v1EncryptedSelf(secretId, "{\"note\":\"" + FORGED + "\"}"));
        });
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void v1ASecretIdTheReaderStillOpensIsRefusedEvenWhenNoStoredChildShowsIt() {
        // A's own delegations entry copied over its encryptionKeys entry, and the contact (the only
        // document that shows the secret id in clear) no longer served: only the reader's own
        // reading of delegations tells the secret id apart from a content key
        sharedWithB(Suite.V1_ICURE);
        String secretId = secretIdOfThePatient();
        edit(EntityType.PATIENT, patientId, json -> {
            ((ObjectNode) json.get("encryptionKeys")).set("A", json.get("delegations").get("A"));
            return json.put("encryptedSelf", v1EncryptedSelf(secretId, "{\"note\":\"" + FORGED + "\"}"));
        });
        hide(EntityType.CONTACT, "c1");
        assertThatThrownBy(() -> field("A", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void v1AnEntityWhoseSecretIdAlsoOpensAsItsParentIdIsNotRead() {
        // the store fills the patient's cryptedForeignKeys with B's delegations entry: B opens the
        // same value as secret id and as parent id, which only a store's copy makes; B then takes
        // no content key at all, even the real one; so does A, who opens the entry it wrote for B
        sharedWithB(Suite.V1_ICURE);
        edit(EntityType.PATIENT, patientId, json -> {
            ObjectNode parents = json.has("cryptedForeignKeys") && json.get("cryptedForeignKeys").isObject()
                    ? (ObjectNode) json.get("cryptedForeignKeys") : json.putObject("cryptedForeignKeys");
            parents.set("B", json.get("delegations").get("B").deepCopy());
            return json;
        });
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> field("A", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
        // the copy removed again: both read
        edit(EntityType.PATIENT, patientId, json -> {
            ((ObjectNode) json.get("cryptedForeignKeys")).remove("B");
            return json;
        });
        assertThat(field("B", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note")).isEqualTo("real note");
        assertThat(field("A", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note")).isEqualTo("real note");
    }

    @Test
    void aV1ChildIsReadOnlyWhileItsParentIsInTheStoreAndAV2ChildAlways() {
        sharedWithB(Suite.V1_ICURE);
        hide(EntityType.PATIENT, patientId);
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> field("A", Suite.V1_ICURE, EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);

        // v2 values are bound to their role: the store cannot move one, so the parent is not needed
        sharedWithB(Suite.V2_GCM_OAEP256);
        hide(EntityType.PATIENT, patientId);
        assertThat(field("B", Suite.V2_GCM_OAEP256, EntityType.CONTACT, "c1", "descr")).isEqualTo("real descr");
        assertThat(field("A", Suite.V2_GCM_OAEP256, EntityType.CONTACT, "c1", "descr")).isEqualTo("real descr");
    }

    // ---------------------------------------------------------------- v1: a writer's content key that the store knows

    /**
     * A v1 content key is a random UUID: with a scripted random source, a real writer (A, through
     * the service) makes one equal to a value the store knows. The rule refuses it when read, and
     * creation refuses what it can see itself (the new entity's own values).
     */
    @Test
    void v1AContentKeyEqualToAStoredEntitysIdIsRefusedByEveryReader() {
        sharedWithB(Suite.V1_ICURE);
        ScriptedRandom random = new ScriptedRandom(provider.random());
        DelegationService a = TestParties.as("A", new CountingProvider(provider, random), store,
                builder -> builder.suite(Suite.V1_ICURE));
        // the new patient's secret id is random, its content key the first patient's id
        random.script(null, uuidBytes(patientId));
        Patient p2 = a.shareWith(a.createPatient(json("{\"id\":\"p2\",\"note\":\"second note\"}")), "B");
        assertThat(random.pending()).isZero();
        for (String reader : List.of("A", "B")) {
            assertThatThrownBy(() -> decrypt(as(reader, Suite.V1_ICURE), store.patient("p2").orElseThrow()))
                    .as(reader).isExactlyInstanceOf(DecryptionFailedException.class);
        }
        // the same writer with a working random source: readable
        random.script(null, null);
        a.shareWith(a.createPatient(json("{\"id\":\"p3\",\"note\":\"third note\"}")), "B");
        assertThat(field("B", Suite.V1_ICURE, EntityType.PATIENT, "p3", "note")).isEqualTo("third note");
        assertThat(p2.id()).isEqualTo("p2");
    }

    @Test
    void v1AContentKeyEqualToASecretIdAStoredChildShowsIsRefused() {
        sharedWithB(Suite.V1_ICURE);
        String secretId = secretIdOfThePatient();
        ScriptedRandom random = new ScriptedRandom(provider.random());
        DelegationService a = TestParties.as("A", new CountingProvider(provider, random), store,
                builder -> builder.suite(Suite.V1_ICURE));
        random.script(null, uuidBytes(secretId));
        a.shareWith(a.createPatient(json("{\"id\":\"p2\",\"note\":\"second note\"}")), "B");
        assertThat(random.pending()).isZero();
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.PATIENT, "p2", "note"))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void creationRefusesAContentKeyEqualToTheParentsIdItsSecretIdOrTheEntitysOwnIdInAnyForm() {
        sharedWithB(Suite.V1_ICURE);
        Patient patient = store.patient(patientId).orElseThrow();
        String secretId = secretIdOfThePatient();
        ScriptedRandom random = new ScriptedRandom(provider.random());
        DelegationService a = TestParties.as("A", new CountingProvider(provider, random), store,
                builder -> builder.suite(Suite.V1_ICURE));

        // a child's content key equal to its parent's id (public), three times: refused, nothing stored
        random.script(null, uuidBytes(patientId), uuidBytes(patientId), uuidBytes(patientId));
        assertThatThrownBy(() -> a.createChild(EntityType.CONTACT, json("{\"id\":\"c2\",\"descr\":\"x\"}"), patient))
                .isInstanceOf(ProviderException.class).hasMessageContaining("random");
        assertThat(store.entity(EntityType.CONTACT, "c2")).isEmpty();

        // equal to the parent's secret id, which the child carries in clear
        random.script(null, uuidBytes(secretId), uuidBytes(secretId), uuidBytes(secretId));
        assertThatThrownBy(() -> a.createChild(EntityType.CONTACT, json("{\"id\":\"c3\",\"descr\":\"x\"}"), patient))
                .isInstanceOf(ProviderException.class).hasMessageContaining("random");
        assertThat(store.entity(EntityType.CONTACT, "c3")).isEmpty();

        // equal to the entity's own id written without dashes: the same AES key material
        String ownUuid = UUID.randomUUID().toString();
        String ownId = ownUuid.replace("-", "");
        random.script(null, uuidBytes(ownUuid), uuidBytes(ownUuid), uuidBytes(ownUuid));
        assertThatThrownBy(() -> a.createPatient(json("{\"id\":\"" + ownId + "\",\"note\":\"x\"}")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("random");
        assertThat(store.patient(ownId)).isEmpty();

        // twice the parent's id, then a fresh value: the retry takes the fresh one
        random.script(null, uuidBytes(patientId), uuidBytes(patientId), null);
        EncryptableEntity<?> c4 = share(a, a.createChild(EntityType.CONTACT, json("{\"id\":\"c4\",\"descr\":\"fourth\"}"),
                patient), "B");
        assertThat(random.pending()).isZero();
        assertThat(c4.id()).isEqualTo("c4");
        assertThat(field("B", Suite.V1_ICURE, EntityType.CONTACT, "c4", "descr")).isEqualTo("fourth");
    }

    // ---------------------------------------------------------------- v2: a writer with a signed pair key

    @Test
    void v2AChildsContentKeySetToTheSecretIdItCarriesInClearIsNotTaken() throws Exception {
        sharedWithB(Suite.V2_GCM_OAEP256);
        // Z, with a signed v2 pair key Z→B, writes B's only encryptionKeys value of the contact:
        // the patient's secret id, which the contact itself shows in secretForeignKeys
        String secretId = secretIdOfThePatient();
        byte[][] zToB = StoreForgery.partyWithSignedV2PairKey(provider, store, "Z", "B");
        edit(EntityType.CONTACT, "c1", json -> {
            ArrayNode forB = (ArrayNode) json.get("encryptionKeys").get("B");
            forB.removeAll();
            forB.addObject().put("owner", "Z").put("delegatedTo", "B").put("key", unchecked(() -> V2Reference.smallKey(
                    zToB[0], 2, zToB[1], random(12), "CONTACT", "c1", "Z", "B", secretId)));
            return json.put("encryptedSelf", unchecked(() -> V2Reference.encryptedSelf(HEX.parseHex(secretId), random(32),
                    random(12), "CONTACT", "c1", "{\"descr\":\"" + FORGED + "\"}")));
        });
        assertThatThrownBy(() -> field("B", Suite.V2_GCM_OAEP256, EntityType.CONTACT, "c1", "descr"))
                .isExactlyInstanceOf(DecryptionFailedException.class);

        // the same writer, a fresh content key: read, and attributed to Z
        String fresh = HEX.formatHex(random(32));
        edit(EntityType.CONTACT, "c1", json -> {
            ArrayNode forB = (ArrayNode) json.get("encryptionKeys").get("B");
            forB.removeAll();
            forB.addObject().put("owner", "Z").put("delegatedTo", "B").put("key", unchecked(() -> V2Reference.smallKey(
                    zToB[0], 2, zToB[1], random(12), "CONTACT", "c1", "Z", "B", fresh)));
            return json.put("encryptedSelf", unchecked(() -> V2Reference.encryptedSelf(HEX.parseHex(fresh), random(32),
                    random(12), "CONTACT", "c1", "{\"descr\":\"written by Z\"}")));
        });
        DecryptedEntity<?> read = decrypt(as("B", Suite.V2_GCM_OAEP256), store.entity(EntityType.CONTACT, "c1").orElseThrow());
        assertThat(read.field("descr").map(JsonNode::asText)).contains("written by Z");
        assertThat(read.contentKeyOwner()).contains("Z");
    }

    // ---------------------------------------------------------------- what the reader does with what it opens

    @Test
    void anEncryptedSelfHoldingAFieldMedcryptManagesIsRefusedLikeOneThatDoesNotOpen() {
        sharedWithB(Suite.V1_ICURE);
        // a patient whose content key the test knows (a scripted random source): whoever holds it
        // (here the test, as a store that learnt it) can write an encryptedSelf under it
        String contentKey = UUID.randomUUID().toString();
        ScriptedRandom random = new ScriptedRandom(provider.random());
        DelegationService a = TestParties.as("A", new CountingProvider(provider, random), store,
                builder -> builder.suite(Suite.V1_ICURE));
        random.script(null, uuidBytes(contentKey));
        a.shareWith(a.createPatient(json("{\"id\":\"p2\",\"note\":\"second note\"}")), "B");
        assertThat(field("B", Suite.V1_ICURE, EntityType.PATIENT, "p2", "note")).isEqualTo("second note");

        edit(EntityType.PATIENT, "p2", json -> json.put("encryptedSelf", v1EncryptedSelf(contentKey, "{\"note\":\"rewritten\"}")));
        assertThat(field("B", Suite.V1_ICURE, EntityType.PATIENT, "p2", "note")).as("the key opens what is written under it")
                .isEqualTo("rewritten");
        for (String managed : List.of("id", "delegations", "encryptionKeys", "secretForeignKeys")) {
            edit(EntityType.PATIENT, "p2", json -> json.put("encryptedSelf", v1EncryptedSelf(contentKey,
                    "{\"note\":\"rewritten\",\"" + managed + "\":\"x\"}")));
            assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.PATIENT, "p2", "note")).as(managed)
                    .isExactlyInstanceOf(DecryptionFailedException.class);
        }
    }

    @Test
    void aV1EncryptedSelfThatIsNotBase64IsAFormatError() {
        sharedWithB(Suite.V1_ICURE);
        edit(EntityType.PATIENT, patientId, json -> json.put("encryptedSelf", "not base64!"));
        assertThatThrownBy(() -> field("B", Suite.V1_ICURE, EntityType.PATIENT, patientId, "note"))
                .isExactlyInstanceOf(FormatException.class).hasMessageContaining("encryptedSelf is not valid base64");
    }

    @Test
    void aChildWithASecondDistinctParentIdIsNotListedAsThePatientsChild() {
        sharedWithB(Suite.V1_ICURE);
        DelegationService b = as("B", Suite.V1_ICURE);
        assertThat(b.contactsOf(store.patient(patientId).orElseThrow())).extracting(EncryptableEntity::id).containsExactly("c1");
        // the store adds B's delegations entry of the contact (its own secret id) as a second parent id
        edit(EntityType.CONTACT, "c1", json -> {
            ((ArrayNode) json.get("cryptedForeignKeys").get("B")).add(json.get("delegations").get("B").get(0).deepCopy());
            return json;
        });
        assertThat(b.parentIds(store.entity(EntityType.CONTACT, "c1").orElseThrow())).hasSize(2).contains(patientId);
        assertThat(b.contactsOf(store.patient(patientId).orElseThrow())).isEmpty();
    }

    @Test
    void aParentIdUnderALesserKeyThanThePatientsDoesNotCount() throws Exception {
        sharedWithB(Suite.V2_GCM_OAEP256);
        // Z, with a pair key Z→B signed under the signing key Z's own document publishes, adds a
        // second parent id for B to the contact
        byte[][] zToB = StoreForgery.partyWithSignedV2PairKey(provider, store, "Z", "B");
        edit(EntityType.CONTACT, "c1", json -> {
            ((ArrayNode) json.get("cryptedForeignKeys").get("B")).addObject().put("owner", "Z").put("delegatedTo", "B")
                    .put("key", unchecked(() -> V2Reference.smallKey(zToB[0], 3, zToB[1], random(12), "CONTACT", "c1", "Z", "B",
                            "another-patient")));
            return json;
        });
        Patient patient = store.patient(patientId).orElseThrow();
        // B reading under published keys only: both parent ids rank alike, and they differ
        DelegationService unpinned = as("B", Suite.V2_GCM_OAEP256);
        assertThat(unpinned.parentIds(store.entity(EntityType.CONTACT, "c1").orElseThrow())).containsExactlyInAnyOrder(
                patientId, "another-patient");
        assertThat(unpinned.contactsOf(patient)).isEmpty();
        // B with A's signing key pinned reads the patient under a pinned key: Z's value ranks lower
        String aSigningKey = org.medcrypt.keys.DataOwnerKeys.fromPkcs8("A", provider,
                List.of(TestParties.rsaPkcs8("A"), TestParties.signingPkcs8("A"))).currentSigningKey().orElseThrow().publicKeyHex();
        DelegationService pinned = TestParties.as("B", provider, store,
                builder -> builder.suite(Suite.V2_GCM_OAEP256).pinSigningKey("A", aSigningKey));
        assertThat(pinned.contactsOf(patient)).extracting(EncryptableEntity::id).containsExactly("c1");
    }

    // ---------------------------------------------------------------- helpers

    /** The random source of a provider, except for the 16-byte draws (v1 ids and keys) the test scripts. */
    private static final class ScriptedRandom implements SecureRandomSource {
        private final SecureRandomSource real;
        private final Deque<Optional<byte[]>> script = new ArrayDeque<>();

        ScriptedRandom(SecureRandomSource real) {
            this.real = real;
        }

        /** The next 16-byte draws, in order; null for a real random draw. */
        synchronized void script(byte[]... draws) {
            script.clear();
            for (byte[] draw : draws) {
                script.add(Optional.ofNullable(draw));
            }
        }

        synchronized int pending() {
            return script.size();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (bytes.length == 16 && !script.isEmpty()) {
                Optional<byte[]> draw = script.poll();
                if (draw.isPresent()) {
                    System.arraycopy(draw.get(), 0, bytes, 0, 16);
                    return;
                }
            }
            real.nextBytes(bytes);
        }
    }

    private static byte[] uuidBytes(String uuid) {
        UUID parsed = UUID.fromString(uuid);
        return ByteBuffer.allocate(16).putLong(parsed.getMostSignificantBits()).putLong(parsed.getLeastSignificantBits()).array();
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

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** iCure's encryptedSelf: base64(IV ‖ AES-CBC(key, JSON)), the key a UUID's 16 bytes or hex. */
    private static String v1EncryptedSelf(String uuidOrHexKey, String fields) {
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
