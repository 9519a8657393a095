package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.Contact;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The whole scheme on one provider: the worked example of the scheme, the exact v1 bytes
 * (decoded here with plain JCA calls written from the wire format, not with medcrypt), and bad
 * input. Runs through {@link ProviderConformanceKit}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemeConformance {

    private static final HexFormat HEX = HexFormat.of();
    private static final String NOTE = "Allergic to penicillin";
    private static final String DESCR = "Consultation: seasonal cough (toux saisonnière)";

    private final Map<String, EncodedRsaKeyPair> keys = new LinkedHashMap<>();
    private CryptoProvider provider;

    /** The provider under test. */
    protected abstract CryptoProvider provider();

    @BeforeAll
    void generateKeys() throws GeneralSecurityException {
        provider = provider();
        for (String party : List.of("A", "B", "C", "D")) {
            keys.put(party, provider.rsaOaep().generateKeyPair(2048));
        }
    }

    private EntityStore newStore() {
        InMemoryEntityStore store = new InMemoryEntityStore();
        keys.forEach((id, pair) -> store.saveParty(HealthcareParty.of(id, HEX.formatHex(pair.spki()))));
        return store;
    }

    private DelegationService as(String party, EntityStore store) {
        return as(party, party, store);
    }

    private DelegationService as(String party, String keyOf, EntityStore store) {
        return DelegationService.builder()
                .provider(provider)
                .store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, keys.get(keyOf).pkcs8()))
                .build();
    }

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    /** A creates John Keats (1234) and a contact (4567); both shared with B. */
    private Patient keatsSharedWithB(EntityStore store) {
        DelegationService a = as("A", store);
        Patient patient = a.createPatient(json(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\"" + NOTE + "\"}"));
        a.createChild(EntityType.CONTACT, json("{\"id\":\"4567\",\"descr\":\"" + DESCR + "\"}"), patient);
        return a.shareWithCascade(patient, "B").patient();
    }

    private static String snapshot(EntityStore store) {
        return MedcryptJson.toPrettyString(Dataset.empty().with(store).toJson());
    }

    @Test
    void theWorkedExampleOfTheScheme() {
        EntityStore store = newStore();
        keatsSharedWithB(store);

        // B decrypts the patient, finds its contacts by secret foreign key, and the patient of the contact
        DelegationService b = as("B", store);
        Patient patient = b.decrypt(store.patient("1234").orElseThrow());
        assertThat(patient.field("note").map(JsonNode::asText)).contains(NOTE);
        assertThat(patient.field("firstName").map(JsonNode::asText)).contains("John");
        List<EncryptableEntity<?>> contacts = b.contactsOf(patient);
        assertThat(contacts).extracting(EncryptableEntity::id).containsExactly("4567");
        Contact contact = b.decrypt((Contact) contacts.get(0));
        assertThat(contact.field("descr").map(JsonNode::asText)).contains(DESCR);
        assertThat(b.patientOf(contact).map(Patient::id)).contains("1234");
        assertThat(b.pairKeyCache().rsaOperations()).as("RSA decryptions by B").isEqualTo(1);

        // A shares with a new party C; C reads everything
        CascadeShareResult toC = as("A", store).shareWithCascade(store.patient("1234").orElseThrow(), "C");
        assertThat(toC.shared()).extracting(EncryptableEntity::id).containsExactly("1234", "4567");
        DelegationService c = as("C", store);
        Patient seenByC = c.decrypt(store.patient("1234").orElseThrow());
        assertThat(seenByC.field("note").map(JsonNode::asText)).contains(NOTE);
        Contact contactOfC = c.decrypt((Contact) c.contactsOf(seenByC).get(0));
        assertThat(contactOfC.field("descr").map(JsonNode::asText)).contains(DESCR);
        assertThat(c.patientOf(contactOfC).map(Patient::id)).contains("1234");
        assertThat(c.pairKeyCache().rsaOperations()).isEqualTo(1);

        // D was never given access: it can neither read nor share, and nothing changes
        String before = snapshot(store);
        DelegationService d = as("D", store);
        Patient forD = store.patient("1234").orElseThrow();
        assertThat(d.canRead(forD)).isFalse();
        assertThatThrownBy(() -> d.decrypt(forD)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("'D'");
        assertThatThrownBy(() -> d.shareWith(forD, "D")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> d.shareWithCascade(forD, "B")).isInstanceOf(AccessDeniedException.class);
        Contact contactForD = (Contact) store.entity(EntityType.CONTACT, "4567").orElseThrow();
        assertThatThrownBy(() -> d.patientOf(contactForD)).isInstanceOf(AccessDeniedException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @Test
    void oneRsaOperationPerDelegatorNotPerEntity() {
        EntityStore store = newStore();
        DelegationService a = as("A", store);
        Patient patient = a.createPatient(json("{\"id\":\"p\",\"note\":\"n\"}"));
        for (int i = 0; i < 20; i++) {
            a.createChild(EntityType.CONTACT, json("{\"id\":\"c" + i + "\",\"descr\":\"d" + i + "\"}"), patient);
        }
        a.shareWithCascade(store.patient("p").orElseThrow(), "B");

        DelegationService b = as("B", store);
        Patient opened = b.decrypt(store.patient("p").orElseThrow());
        for (EncryptableEntity<?> contact : b.contactsOf(opened)) {
            b.decrypt((Contact) contact);
        }
        assertThat(b.contactsOf(opened)).hasSize(20);
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);
    }

    @Test
    void whatMedcryptWritesIsIcureV1ToTheByte() throws Exception {
        EntityStore store = newStore();
        keatsSharedWithB(store);
        HealthcareParty a = store.party("A").orElseThrow();
        Patient patient = store.patient("1234").orElseThrow();
        Contact contact = (Contact) store.entity(EntityType.CONTACT, "4567").orElseThrow();
        PrivateKey bKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keys.get("B").pkcs8()));

        // hcPartyKeys[B] = [RSA_A({AB}), RSA_B({AB})], RSA-OAEP SHA-1/MGF1-SHA-1, hex
        byte[] pairKey = rsaOaepSha1(bKey, a.hcPartyKeys().get("B").get(1));
        assertThat(pairKey).hasSize(32);
        // aesExchangeKeys[A's SPKI hex][B][fingerprint of B's key] holds the same key
        String bFingerprint = HEX.formatHex(keys.get("B").spki());
        bFingerprint = bFingerprint.substring(bFingerprint.length() - 32);
        String aSpki = HEX.formatHex(keys.get("A").spki());
        assertThat(a.publicKey()).contains(aSpki);
        assertThat(rsaOaepSha1(bKey, a.aesExchangeKeys().get(aSpki).get("B").get(bFingerprint))).isEqualTo(pairKey);

        // key = hex(IV ‖ AES-256-CBC_{AB}(entityId ":" value))
        String secretForeignKey = cbcText(pairKey, only(patient.delegations().get("B")), "1234:");
        String contentKey = cbcText(pairKey, only(patient.encryptionKeys().get("B")), "1234:");
        assertThat(java.util.UUID.fromString(secretForeignKey).toString()).isEqualTo(secretForeignKey);
        assertThat(contact.secretForeignKeys()).containsExactly(secretForeignKey);
        assertThat(cbcText(pairKey, only(contact.cryptedForeignKeys().get("B")), "4567:")).isEqualTo("1234");

        // encryptedSelf = base64(IV ‖ AES-128-CBC_{UUID hex}(UTF-8 JSON)); the clear field is gone
        byte[] self = Base64.getDecoder().decode(patient.encryptedSelf().orElseThrow());
        String fields = new String(cbc(HEX.parseHex(contentKey.replace("-", "")), self), StandardCharsets.UTF_8);
        assertThat(MedcryptJson.parseObject(fields, "encryptedSelf").get("note").asText()).isEqualTo(NOTE);
        assertThat(patient.field("note")).isEmpty();
        String contactContentKey = cbcText(pairKey, only(contact.encryptionKeys().get("B")), "4567:");
        byte[] contactSelf = Base64.getDecoder().decode(contact.encryptedSelf().orElseThrow());
        String contactFields = new String(cbc(HEX.parseHex(contactContentKey.replace("-", "")), contactSelf),
                StandardCharsets.UTF_8);
        assertThat(MedcryptJson.parseObject(contactFields, "encryptedSelf").get("descr").asText()).isEqualTo(DESCR);

        // owner and delegate are recorded on every entry
        assertThat(only(patient.delegations().get("B"))).extracting(Delegation::owner, Delegation::delegatedTo)
                .containsExactly("A", "B");
    }

    @Test
    void anIndependentlyMadeIcureDatasetOpens() {
        ObjectNode expected = Fixture.expected();
        for (String reader : List.of("A", "B", "C")) {
            EntityStore store = Fixture.dataset().toStore();
            DelegationService service = DelegationService.builder().provider(provider).store(store)
                    .dataOwner(DataOwnerKeys.fromPkcs8(reader, provider, Fixture.privateKeys(reader))).build();
            assertThat(Fixture.whatCanBeRead(service)).as("what %s reads", reader).isEqualTo(expected.get(reader));
        }
        EntityStore store = Fixture.dataset().toStore();
        DelegationService d = DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("D", provider, Fixture.privateKeys("D"))).build();
        assertThat(Fixture.whatCanBeRead(d)).isEqualTo(expected.get("D"));
        assertThatThrownBy(() -> d.decrypt(store.patient("1234").orElseThrow()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPemKeyOpensTheFixtureToo() {
        EntityStore store = Fixture.dataset().toStore();
        DelegationService b = DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("B", provider, List.of(Fixture.pemKey("B")))).build();
        assertThat(Fixture.whatCanBeRead(b)).isEqualTo(Fixture.expected().get("B"));
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);
    }

    @Test
    void aTamperedOrTruncatedDelegationIsAGenericDecryptionFailure() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        Delegation original = only(patient.delegations().get("B"));
        String key = original.key();
        String lastByteFlipped = key.substring(0, key.length() - 2)
                + String.format("%02x", Integer.parseInt(key.substring(key.length() - 2), 16) ^ 0x01);
        String oneBlockShort = key.substring(0, key.length() - 32);
        DelegationService b = as("B", store);
        for (String bad : List.of(lastByteFlipped, oneBlockShort, key.substring(0, 32))) {
            Patient tampered = withBsDelegation(patient, DelegationKind.DELEGATIONS, bad);
            assertThatThrownBy(() -> b.secretForeignKeys(tampered)).isInstanceOf(DecryptionFailedException.class)
                    .hasMessageStartingWith("decryption failed: the data was modified or truncated");
            assertThatThrownBy(() -> b.shareWith(tampered, "C")).isInstanceOf(DecryptionFailedException.class);
        }
        Patient oddHex = withBsDelegation(patient, DelegationKind.DELEGATIONS, key.substring(1));
        assertThatThrownBy(() -> b.secretForeignKeys(oddHex)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not valid hex");
        Patient badContentKey = withBsDelegation(patient, DelegationKind.ENCRYPTION_KEYS, lastByteFlipped(
                only(patient.encryptionKeys().get("B")).key()));
        assertThatThrownBy(() -> b.decrypt(badContentKey)).isInstanceOf(DecryptionFailedException.class)
                .hasMessageNotContaining(NOTE);
    }

    @Test
    void aDelegationCopiedFromAnotherEntityIsRefused() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        Contact contact = (Contact) store.entity(EntityType.CONTACT, "4567").orElseThrow();
        // the contact's key is a valid ciphertext under {AB}, but it says "4567:…"
        Patient forged = withBsDelegation(patient, DelegationKind.ENCRYPTION_KEYS,
                only(contact.encryptionKeys().get("B")).key());
        DelegationService b = as("B", store);
        assertThatThrownBy(() -> b.decrypt(forged)).isInstanceOf(DecryptionFailedException.class);
        Patient forgedSecret = withBsDelegation(patient, DelegationKind.DELEGATIONS,
                only(contact.delegations().get("B")).key());
        assertThatThrownBy(() -> b.secretForeignKeys(forgedSecret)).isInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> b.contactsOf(forgedSecret)).isInstanceOf(DecryptionFailedException.class);
        assertThat(b.decrypt(patient).field("note").map(JsonNode::asText)).contains(NOTE);
    }

    @Test
    void aTamperedOrMalformedEncryptedSelfIsRefused() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService b = as("B", store);
        byte[] self = Base64.getDecoder().decode(patient.encryptedSelf().orElseThrow());
        self[self.length - 1] ^= 0x01;
        Patient tampered = patient.withFields(json("{\"encryptedSelf\":\"" + Base64.getEncoder().encodeToString(self) + "\"}"));
        assertThatThrownBy(() -> b.decrypt(tampered)).isInstanceOf(DecryptionFailedException.class);
        Patient truncated = patient.withFields(json("{\"encryptedSelf\":\""
                + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(self, 16)) + "\"}"));
        assertThatThrownBy(() -> b.decrypt(truncated)).isInstanceOf(DecryptionFailedException.class);
        Patient notBase64 = patient.withFields(json("{\"encryptedSelf\":\"***\"}"));
        assertThatThrownBy(() -> b.decrypt(notBase64)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not valid base64");
    }

    @Test
    void aWrongPrivateKeyOpensNothing() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService bWithDsKey = as("B", "D", store);
        assertThatThrownBy(() -> bWithDsKey.decrypt(patient)).isInstanceOf(DecryptionFailedException.class);
        assertThat(bWithDsKey.canRead(patient)).isFalse();
    }

    @Test
    void sharingWithAnUnknownPartyOrBadInputChangesNothing() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        String before = snapshot(store);
        DelegationService a = as("A", store);
        assertThatThrownBy(() -> a.shareWith(patient, "Z")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("unknown delegate 'Z'");
        assertThatThrownBy(() -> a.shareWithCascade(patient, "Z")).isInstanceOf(NotFoundException.class);
        Patient tampered = withBsDelegation(patient, DelegationKind.DELEGATIONS, "00");
        DelegationService b = as("B", store);
        assertThatThrownBy(() -> b.shareWith(tampered, "C")).isInstanceOf(MedcryptException.class);
        assertThatThrownBy(() -> a.createPatient(json("{\"id\":\"1234\"}"))).isInstanceOf(MedcryptException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> Dataset.parse("{\"patients\":[{\"id\":".getBytes(StandardCharsets.UTF_8), "upload"))
                .isInstanceOf(FormatException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @Test
    void sharingIsIdempotentAndAPartyCanReshareWhatItReads() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService a = as("A", store);
        String before = snapshot(store);
        assertThat(a.shareWith(patient, "B")).isEqualTo(patient);
        assertThat(snapshot(store)).isEqualTo(before);

        // B (not the creator) shares with C: B creates its own pair key {BC}
        DelegationService b = as("B", store);
        CascadeShareResult result = b.shareWithCascade(patient, "C");
        assertThat(result.shared()).extracting(EncryptableEntity::id).containsExactly("1234", "4567");
        assertThat(store.party("B").orElseThrow().hcPartyKeys()).containsKey("C");
        DelegationService c = as("C", store);
        Patient seen = c.decrypt(store.patient("1234").orElseThrow());
        assertThat(seen.field("note").map(JsonNode::asText)).contains(NOTE);
        assertThat(only(seen.delegations().get("C")).owner()).isEqualTo("B");
    }

    private static Patient withBsDelegation(Patient patient, DelegationKind kind, String key) {
        Map<String, List<Delegation>> map = new LinkedHashMap<>(patient.delegationMap(kind));
        map.put("B", List.of(new Delegation("A", "B", key)));
        return patient.withDelegationMap(kind, map);
    }

    private static String lastByteFlipped(String hex) {
        return hex.substring(0, hex.length() - 2)
                + String.format("%02x", Integer.parseInt(hex.substring(hex.length() - 2), 16) ^ 0x01);
    }

    private static Delegation only(List<Delegation> delegations) {
        assertThat(delegations).hasSize(1);
        return delegations.get(0);
    }

    // ---- plain JCA, written from the wire format, deliberately independent of medcrypt

    private static byte[] rsaOaepSha1(PrivateKey key, String hex) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key,
                new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        return rsa.doFinal(HEX.parseHex(hex));
    }

    private static byte[] cbc(byte[] key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivAndCiphertext, 0, 16));
        return aes.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
    }

    private static String cbcText(byte[] key, Delegation delegation, String prefix) throws GeneralSecurityException {
        String text = new String(cbc(key, HEX.parseHex(delegation.key())), StandardCharsets.UTF_8);
        assertThat(text).startsWith(prefix);
        return text.substring(prefix.length());
    }

    static List<String> sorted(java.util.Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        java.util.Collections.sort(list);
        return list;
    }
}
