package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.V2Reference;

/**
 * Attacks a store that rewrites documents can make beyond tampering with single values, found by a
 * cold review of the v2 change (each worked against the code before its fix; the review's run is
 * quoted in the closing note). Each test performs the attack and checks what medcrypt does now:
 * refuse it, or — where only pinning can tell a real party from one the store invented — report it.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class HostileStoreTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    String providerId;

    private CryptoProvider provider;

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
    }

    private DelegationService as(String party, EntityStore store, UnaryOperator<DelegationService.Builder> options) {
        return TestParties.as(party, provider, store, options);
    }

    private Patient createPatientSharedWithB(EntityStore store, String id, String note) {
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"" + id + "\",\"note\":\"" + note + "\"}", "t"));
        return a.shareWith(store.patient(id).orElseThrow(), "B");
    }

    // ---------------------------------------------------------------- 1. clear copy of an encrypted field

    @Test
    void aClearCopyOfAnEncryptedFieldIsNeverShown() {
        EntityStore store = TestParties.newStore();
        createPatientSharedWithB(store, "P", "real");
        // the store drops encryptedSelf and writes the "encrypted" field in clear
        ObjectNode json = store.patient("P").orElseThrow().toJson();
        json.remove("encryptedSelf");
        json.put("note", "forged in clear by the store");
        store.save(Patient.fromJson(json));
        DecryptedEntity<Patient> view = TestParties.as("B", provider, store).decrypt(store.patient("P").orElseThrow());
        assertThat(view.field("note")).isEmpty();
        assertThat(view.toJson().has("note")).isFalse();
        assertThat(view.suite()).isEmpty();
        // a field that is not configured as encrypted is clear by design, and shown
        assertThat(view.field("id").map(JsonNode::asText)).contains("P");
    }

    // ---------------------------------------------------------------- 2. downgrade to v1 under a planted key

    private void downgradeToV1(EntityStore store) throws Exception {
        byte[] x = random(32);
        ObjectNode aDoc = store.party("A").orElseThrow().toJson();
        ((ObjectNode) aDoc.get("hcPartyKeys")).putArray("B").add("00")
                .add(HEX.formatHex(oaep(publicKey(store, "B"), "SHA-1", MGF1ParameterSpec.SHA1, x, new byte[0])));
        store.saveParty(HealthcareParty.fromJson(aDoc));
        String contentKey = HEX.formatHex(random(16));
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ((ArrayNode) p.get("encryptionKeys").get("B")).addObject().put("owner", "A").put("delegatedTo", "B")
                .put("key", HEX.formatHex(cbc(x, ("P:" + contentKey).getBytes(StandardCharsets.UTF_8))));
        p.put("encryptedSelf", Base64.getEncoder().encodeToString(cbc(HEX.parseHex(contentKey),
                "{\"note\":\"forged v1 by the store\"}".getBytes(StandardCharsets.UTF_8))));
        store.save(Patient.fromJson(p));
    }

    @Test
    void aDowngradeToV1UnderAPlantedUnsignedKeyIsReportedAndRefusedWhereTheOwnerIsPinned() throws Exception {
        EntityStore store = TestParties.newStore();
        createPatientSharedWithB(store, "P", "real");
        String pinA = store.party("A").orElseThrow().signingKey().orElseThrow();
        downgradeToV1(store);
        // unpinned: read, as iCure data is, and reported as unsigned
        DecryptedEntity<Patient> unpinned = TestParties.as("B", provider, store).decrypt(store.patient("P").orElseThrow());
        assertThat(unpinned.readUnderUnsignedPairKey()).isTrue();
        assertThat(unpinned.provenance()).contains(Provenance.UNSIGNED);
        assertThat(unpinned.suite()).contains(Suite.V1_ICURE);
        // A pinned: A's pair keys must be signed; the planted one is refused
        DelegationService pinned = as("B", store, b -> b.pinSigningKey("A", pinA));
        assertThatThrownBy(() -> pinned.decrypt(store.patient("P").orElseThrow()))
                .isExactlyInstanceOf(DecryptionFailedException.class);
        DelegationService strict = as("B", store, b -> b.requirePinnedSigningKeys(true));
        assertThatThrownBy(() -> strict.decrypt(store.patient("P").orElseThrow()))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }

    // ---------------------------------------------------------------- 3. a party the store invents

    /** The store adds party Z with its own keys and a signed v2 pair key Z → target; returns {pair key, key id}. */
    private byte[][] inventParty(EntityStore store, String z, String target) throws Exception {
        return StoreForgery.partyWithSignedV2PairKey(provider, store, z, target);
    }

    @Test
    void contentWrittenUnderAnInventedPartyIsReportedAsSuchAndRefusedWhenPinnedKeysAreRequired() throws Exception {
        EntityStore store = TestParties.newStore();
        createPatientSharedWithB(store, "P", "real");
        String pinA = store.party("A").orElseThrow().signingKey().orElseThrow();
        byte[][] zToB = inventParty(store, "Z", "B");
        String contentKey = HEX.formatHex(random(32));
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ((ArrayNode) p.get("encryptionKeys").get("B")).addObject().put("owner", "Z").put("delegatedTo", "B")
                .put("key", V2Reference.smallKey(zToB[0], 2, zToB[1], random(12), "PATIENT", "P", "Z", "B", contentKey));
        p.put("encryptedSelf", V2Reference.encryptedSelf(HEX.parseHex(contentKey), random(32), random(12), "PATIENT", "P",
                "{\"note\":\"forged v2 by the store\"}"));
        store.save(Patient.fromJson(p));

        // without a policy, a party the store invented is as good as any unpinned party: the view says who and how
        DecryptedEntity<Patient> view = as("B", store, b -> b.pinSigningKey("A", pinA)).decrypt(store.patient("P").orElseThrow());
        assertThat(view.contentKeyOwner()).contains("Z");
        assertThat(view.provenance()).contains(Provenance.PUBLISHED);
        // requiring pinned keys refuses it
        DelegationService strict = as("B", store, b -> b.pinSigningKey("A", pinA).requirePinnedSigningKeys(true));
        assertThatThrownBy(() -> strict.decrypt(store.patient("P").orElseThrow()))
                .isExactlyInstanceOf(DecryptionFailedException.class);
        // the genuine data, where the store did not touch it, reads under the pin
        EntityStore honest = TestParties.newStore();
        createPatientSharedWithB(honest, "P", "real");
        DecryptedEntity<Patient> genuine = as("B", honest, b -> b.pinSigningKey("A", honest.party("A").orElseThrow()
                .signingKey().orElseThrow()).requirePinnedSigningKeys(true)).decrypt(honest.patient("P").orElseThrow());
        assertThat(genuine.field("note").map(JsonNode::asText)).contains("real");
        assertThat(genuine.provenance()).contains(Provenance.PINNED);
    }

    // ---------------------------------------------------------------- 4. a cascade that takes another patient's child

    @Test
    void aCascadeDoesNotTakeAChildThatAnInventedPartyAttachedToThePatient() throws Exception {
        for (boolean dropOwnParentId : new boolean[] {false, true}) {
            EntityStore store = TestParties.newStore();
            DelegationService a = TestParties.as("A", provider, store);
            Patient p = a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"p\"}", "t"));
            a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C1\",\"descr\":\"P's contact\"}", "t"), p);
            Patient q = a.createPatient(MedcryptJson.parseObject("{\"id\":\"Q\",\"note\":\"q\"}", "t"));
            a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"Y\",\"descr\":\"Q's private contact\"}", "t"), q);
            // P's secret id is in clear in C1: attach it to Y, with a parent id "P" from an invented party
            String secretIdOfP = store.entity(EntityType.CONTACT, "C1").orElseThrow().secretForeignKeys().get(0);
            byte[][] zToA = inventParty(store, "Z", "A");
            ObjectNode y = store.entity(EntityType.CONTACT, "Y").orElseThrow().toJson();
            ((ArrayNode) y.get("secretForeignKeys")).add(secretIdOfP);
            ArrayNode parentIdsForA = (ArrayNode) y.get("cryptedForeignKeys").get("A");
            if (dropOwnParentId) {
                parentIdsForA.removeAll();
            }
            parentIdsForA.addObject().put("owner", "Z").put("delegatedTo", "A")
                    .put("key", V2Reference.smallKey(zToA[0], 3, zToA[1], random(12), "CONTACT", "Y", "Z", "A", "P"));
            store.save(Dataset.entity(EntityType.CONTACT, y));

            assertThat(a.contactsOf(store.patient("P").orElseThrow())).extracting(EncryptableEntity::id).containsExactly("C1");
            CascadeShareResult result = a.shareWithCascade(store.patient("P").orElseThrow(), "D");
            assertThat(result.shared()).extracting(EncryptableEntity::id).containsExactly("P", "C1");
            assertThat(TestParties.as("D", provider, store).canRead(store.entity(EntityType.CONTACT, "Y").orElseThrow())).isFalse();
        }
    }

    // ---------------------------------------------------------------- 5. the delegate's RSA key replaced

    @Test
    void aDelegatesReplacedPublicKeyIsRefusedWhenItCanBeChecked() throws Exception {
        EntityStore store = TestParties.newStore();
        TestParties.as("E", provider, store).publishKeys(); // E publishes its signing key and signs its RSA key
        String pinE = store.party("E").orElseThrow().signingKey().orElseThrow();
        TestParties.as("A", provider, store).createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"secret\"}", "t"));
        // the store swaps E's RSA public key for one of its own before A first shares with E
        KeyPair storeKey = rsa();
        HealthcareParty honestE = store.party("E").orElseThrow();
        store.saveParty(honestE.withPublicKey(HEX.formatHex(storeKey.getPublic().getEncoded())));
        String before = TestParties.snapshot(store);
        // E pinned: refused
        DelegationService pinned = as("A", store, b -> b.pinSigningKey("E", pinE));
        assertThatThrownBy(() -> pinned.shareWith(store.patient("P").orElseThrow(), "E"))
                .isInstanceOf(KeyException.class).hasMessageContaining("pinned");
        // not pinned, but E's document publishes a signing key the swapped key does not match: refused too
        DelegationService unpinned = TestParties.as("A", provider, store);
        assertThatThrownBy(() -> unpinned.shareWith(store.patient("P").orElseThrow(), "E"))
                .isInstanceOf(KeyException.class).hasMessageContaining("not signed");
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
        // strict, and nothing pinned for E: refused before any key is made
        DelegationService strict = as("A", store, b -> b.requirePinnedSigningKeys(true));
        assertThatThrownBy(() -> strict.shareWith(store.patient("P").orElseThrow(), "E"))
                .isInstanceOf(KeyException.class).hasMessageContaining("pinned");
        // with E's real key back, the pinned share goes through and E reads
        store.saveParty(honestE);
        pinned.shareWith(store.patient("P").orElseThrow(), "E");
        assertThat(TestParties.as("E", provider, store).decrypt(store.patient("P").orElseThrow()).field("note")
                .map(JsonNode::asText)).contains("secret");
    }

    // ---------------------------------------------------------------- 6. ids that alias in UTF-8

    @Test
    void anIdWithALoneSurrogateIsRefused() {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store).createPatient(MedcryptJson.parseObject("{\"id\":\"P?\",\"note\":\"real\"}", "t"));
        ObjectNode clone = store.patient("P?").orElseThrow().toJson();
        clone.put("id", "P\uD800"); // "?" in lossy UTF-8
        assertThatThrownBy(() -> Patient.fromJson(clone)).isInstanceOf(FormatException.class)
                .hasMessageContaining("well-formed");
    }

    // ---------------------------------------------------------------- 7. a known v1 limit, kept visible

    @Test
    void v1CannotTellAValueMovedBetweenShortIdsByFlippingIvBitsButV2Can() {
        for (Suite suite : Suite.values()) {
            EntityStore store = TestParties.newStore();
            DelegationService a = as("A", store, b -> b.suite(suite));
            a.createPatient(MedcryptJson.parseObject("{\"id\":\"P1\",\"note\":\"P1's record\"}", "t"));
            a.createPatient(MedcryptJson.parseObject("{\"id\":\"P2\",\"note\":\"P2's record\"}", "t"));
            ObjectNode p1 = store.patient("P1").orElseThrow().toJson();
            ObjectNode p2 = store.patient("P2").orElseThrow().toJson();
            String value = p1.get("encryptionKeys").get("A").get(0).get("key").asText();
            String moved;
            if (suite == Suite.V1_ICURE) {
                byte[] bytes = HEX.parseHex(value);
                bytes[1] ^= ('1' ^ '2'); // IV byte 1 turns the plaintext's "P1:" into "P2:"
                moved = HEX.formatHex(bytes);
            } else {
                moved = value; // v2: nothing to flip that the tag does not cover
            }
            ((ObjectNode) p2.get("encryptionKeys").get("A").get(0)).put("key", moved);
            p2.put("encryptedSelf", p1.get("encryptedSelf").asText());
            store.save(Patient.fromJson(p2));
            if (suite == Suite.V1_ICURE) {
                assertThat(a.decrypt(store.patient("P2").orElseThrow()).field("note").map(JsonNode::asText))
                        .as("v1's documented limit").contains("P1's record");
            } else {
                assertThatThrownBy(() -> a.decrypt(store.patient("P2").orElseThrow()))
                        .isExactlyInstanceOf(DecryptionFailedException.class);
            }
        }
    }

    // ---------------------------------------------------------------- the store's tools: plain JCA

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static PublicKey publicKey(EntityStore store, String party) throws Exception {
        return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                HEX.parseHex(store.party(party).orElseThrow().publicKey().orElseThrow())));
    }

    private static byte[] oaep(PublicKey key, String hash, MGF1ParameterSpec mgf1, byte[] message, byte[] label) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec(hash, "MGF1", mgf1, new PSource.PSpecified(label)));
        return cipher.doFinal(message);
    }

    private static byte[] cbc(byte[] key, byte[] plaintext) throws Exception {
        byte[] iv = random(16);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(iv);
        out.writeBytes(cipher.doFinal(plaintext));
        return out.toByteArray();
    }


}
