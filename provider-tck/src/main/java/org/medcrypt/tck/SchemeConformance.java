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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.V2GcmFormat;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyId;
import org.medcrypt.internal.keys.PairKeyTrust;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.Suite;
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
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The whole scheme on one provider: the worked example of the scheme in both suites, the exact
 * v1 and v2 bytes (decoded here with plain JCA calls written from the wire formats, not with
 * medcrypt), and the iCure SDK fixture. Runs through {@link ProviderConformanceKit}. The api's
 * attack and regression tests, which do not depend on the provider, are in {@code scheme-tests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemeConformance {

    private static final HexFormat HEX = HexFormat.of();
    private static final String NOTE = "Allergic to penicillin";
    private static final String DESCR = "Consultation: seasonal cough (toux saisonnière)";

    private final Map<String, EncodedRsaKeyPair> keys = new LinkedHashMap<>();
    private final Map<String, byte[]> signingKeys = new LinkedHashMap<>();
    private CryptoProvider provider;

    /** The provider under test. */
    protected abstract CryptoProvider provider();

    @BeforeAll
    void generateKeys() throws GeneralSecurityException {
        provider = provider();
        for (String party : List.of("A", "B", "C", "D")) {
            keys.put(party, provider.rsaOaep().generateKeyPair(2048));
            signingKeys.put(party, DataOwnerKeys.ed25519Pkcs8(provider.ed25519().generateKeyPair().seed()));
        }
    }

    private EntityStore newStore() {
        InMemoryEntityStore store = new InMemoryEntityStore();
        keys.forEach((id, pair) -> store.saveParty(HealthcareParty.of(id, HEX.formatHex(pair.spki()))));
        return store;
    }

    private DelegationService as(String party, EntityStore store) {
        return as(party, store, Suite.V2_GCM_OAEP256);
    }

    private DelegationService as(String party, EntityStore store, Suite suite) {
        return DelegationService.builder()
                .provider(provider)
                .store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, List.of(keys.get(party).pkcs8(), signingKeys.get(party))))
                .suite(suite)
                .build();
    }

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    /** A creates John Keats (1234) and a contact (4567); both shared with B. */
    private Patient keatsSharedWithB(EntityStore store, Suite suite) {
        DelegationService a = as("A", store, suite);
        Patient patient = a.createPatient(json(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\"" + NOTE + "\"}"));
        a.createChild(EntityType.CONTACT, json("{\"id\":\"4567\",\"descr\":\"" + DESCR + "\"}"), patient);
        return a.shareWithCascade(patient, "B").patient();
    }

    private static String snapshot(EntityStore store) {
        return MedcryptJson.toPrettyString(Dataset.empty().with(store).toJson());
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void theWorkedExampleOfTheScheme(Suite suite) {
        EntityStore store = newStore();
        keatsSharedWithB(store, suite);

        // B decrypts the patient, finds its contacts by secret foreign key, and the patient of the contact
        DelegationService b = as("B", store);
        Patient patient = store.patient("1234").orElseThrow();
        DecryptedEntity<Patient> seenByB = b.decrypt(patient);
        assertThat(seenByB.field("note").map(JsonNode::asText)).contains(NOTE);
        assertThat(seenByB.suite()).contains(suite);
        assertThat(seenByB.readUnderUnsignedPairKey()).isFalse();
        assertThat(seenByB.field("firstName").map(JsonNode::asText)).contains("John");
        assertThat(seenByB.toString()).doesNotContain(NOTE);
        List<EncryptableEntity<?>> contacts = b.contactsOf(patient);
        assertThat(contacts).extracting(EncryptableEntity::id).containsExactly("4567");
        Contact contact = (Contact) contacts.get(0);
        assertThat(b.decrypt(contact).field("descr").map(JsonNode::asText)).contains(DESCR);
        assertThat(b.patientOf(contact).map(Patient::id)).contains("1234");
        assertThat(b.pairKeyCache().rsaOperations()).as("RSA decryptions by B").isEqualTo(1);

        // A shares with a new party C; C reads everything
        CascadeShareResult toC = as("A", store, suite).shareWithCascade(store.patient("1234").orElseThrow(), "C");
        assertThat(toC.shared()).extracting(EncryptableEntity::id).containsExactly("1234", "4567");
        DelegationService c = as("C", store);
        Patient forC = store.patient("1234").orElseThrow();
        assertThat(c.decrypt(forC).field("note").map(JsonNode::asText)).contains(NOTE);
        Contact contactOfC = (Contact) c.contactsOf(forC).get(0);
        assertThat(c.decrypt(contactOfC).field("descr").map(JsonNode::asText)).contains(DESCR);
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

    @ParameterizedTest
    @EnumSource(Suite.class)
    void oneRsaOperationPerDelegatorNotPerEntity(Suite suite) {
        EntityStore store = newStore();
        DelegationService a = as("A", store, suite);
        Patient patient = a.createPatient(json("{\"id\":\"p\",\"note\":\"n\"}"));
        for (int i = 0; i < 20; i++) {
            a.createChild(EntityType.CONTACT, json("{\"id\":\"c" + i + "\",\"descr\":\"d" + i + "\"}"), patient);
        }
        a.shareWithCascade(store.patient("p").orElseThrow(), "B");

        DelegationService b = as("B", store);
        Patient opened = store.patient("p").orElseThrow();
        assertThat(b.decrypt(opened).field("note").map(JsonNode::asText)).contains("n");
        for (EncryptableEntity<?> contact : b.contactsOf(opened)) {
            b.decrypt((Contact) contact);
        }
        assertThat(b.contactsOf(opened)).hasSize(20);
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);
        assertThat(b.pairKeyCache().signatureVerifications()).isEqualTo(1);
    }

    @Test
    void whatMedcryptWritesIsIcureV1ToTheByte() throws Exception {
        EntityStore store = newStore();
        keatsSharedWithB(store, Suite.V1_ICURE);
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
    void whatMedcryptWritesInV2DecodesWithPlainJcaFromTheSpecification() throws Exception {
        EntityStore store = newStore();
        keatsSharedWithB(store, Suite.V2_GCM_OAEP256);
        HealthcareParty a = store.party("A").orElseThrow();
        Patient patient = store.patient("1234").orElseThrow();
        Contact contact = (Contact) store.entity(EntityType.CONTACT, "4567").orElseThrow();
        PrivateKey bKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keys.get("B").pkcs8()));

        // medcryptPairKeys[B]: one signed v2 entry; forDelegate = mc2(02 02 05 ‖ RSA-OAEP-SHA-256(pair key, label))
        assertThat(a.pairKeyEntries("B")).hasSize(1);
        PairKeyEntry entry = a.pairKeyEntries("B").get(0);
        assertThat(entry.suite()).isEqualTo("v2");
        byte[] wrapped = envelopeBody(entry.forDelegate(), 5);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, bKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(V2Reference.wrappingLabel(entry.id(), "A", "B"))));
        byte[] pairKey = rsa.doFinal(wrapped);
        assertThat(pairKey).hasSize(32);
        // the signature verifies under A's published Ed25519 key, over the documented message
        java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
        byte[] spki = HEX.parseHex("302a300506032b6570032100" + a.signingKey().orElseThrow());
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
        java.io.ByteArrayOutputStream message = V2Reference.tagged("medcrypt pair key signature");
        for (String field : List.of("v2", entry.id(), "A", "B", entry.ownerKey(), entry.delegateKey(), entry.forOwner(), entry.forDelegate())) {
            V2Reference.field(message, field);
        }
        ed25519.update(message.toByteArray());
        assertThat(ed25519.verify(envelopeBody(entry.signature().orElseThrow(), 6))).isTrue();

        // small keys: AES-256-GCM under {AB}, the documented associated data
        String secretId = gcmSmallKey(pairKey, only(patient.delegations().get("B")).key(), 1, "PATIENT", "1234", entry.id());
        String contentKey = gcmSmallKey(pairKey, only(patient.encryptionKeys().get("B")).key(), 2, "PATIENT", "1234", entry.id());
        assertThat(secretId).matches("[0-9a-f]{64}");
        assertThat(contentKey).matches("[0-9a-f]{64}").isNotEqualTo(secretId);
        assertThat(contact.secretForeignKeys()).containsExactly(secretId);
        assertThat(gcmSmallKey(pairKey, only(contact.cryptedForeignKeys().get("B")).key(), 3, "CONTACT", "4567", entry.id()))
                .isEqualTo("1234");

        // encryptedSelf: HKDF-SHA-256 → key ‖ commitment; AES-256-GCM; the clear field is gone
        byte[] body = envelopeBody(patient.encryptedSelf().orElseThrow(), 4);
        byte[] salt = java.util.Arrays.copyOf(body, 32);
        byte[] commitment = java.util.Arrays.copyOfRange(body, 32, 64);
        byte[] nonce = java.util.Arrays.copyOfRange(body, 64, 76);
        java.io.ByteArrayOutputStream info = V2Reference.tagged("medcrypt v2 encryptedSelf");
        V2Reference.field(info, "PATIENT");
        V2Reference.field(info, "1234");
        byte[] okm = V2Reference.hkdfSha256(HEX.parseHex(contentKey), salt, info.toByteArray(), 64);
        assertThat(java.util.Arrays.copyOfRange(okm, 32, 64)).isEqualTo(commitment);
        java.io.ByteArrayOutputStream aad = V2Reference.tagged("medcrypt v2 value");
        aad.writeBytes(new byte[] {2, 2, 4});
        aad.writeBytes(salt);
        aad.writeBytes(commitment);
        V2Reference.field(aad, "PATIENT");
        V2Reference.field(aad, "1234");
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(java.util.Arrays.copyOf(okm, 32), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad.toByteArray());
        String fields = new String(gcm.doFinal(body, 76, body.length - 76), StandardCharsets.UTF_8);
        assertThat(MedcryptJson.parseObject(fields, "encryptedSelf").get("note").asText()).isEqualTo(NOTE);
        assertThat(patient.field("note")).isEmpty();
    }

    @Test
    void theV2WorkedExampleOfTheSpecificationOpensWithThisProvider() throws Exception {
        // the strings of docs/v2-format.md, recomputed with plain JCA
        assertThat(V2Reference.Example.delegationForB()).isEqualTo(V2_EXAMPLE_DELEGATION);
        assertThat(V2Reference.Example.encryptionKeyForB()).isEqualTo(V2_EXAMPLE_ENCRYPTION_KEY);
        assertThat(V2Reference.Example.encryptedSelf()).isEqualTo(V2_EXAMPLE_ENCRYPTED_SELF);
        // and medcrypt's v2 format opens them with this provider
        V2GcmFormat format = new V2GcmFormat(provider);
        String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(V2Reference.Example.KEY_ID);
        PairKey pairKey = new PairKey(new PairKeyId(Suite.V2_GCM_OAEP256, "A", "B", new KeyFingerprint("0".repeat(32)), keyId, "example"),
                provider.aesKeys().importKey(V2Reference.Example.PAIR_KEY_AB), PairKeyTrust.SIGNED_OWN);
        ValueContext context = new ValueContext(EntityType.PATIENT, "1234", "A", "B");
        assertThat(format.decryptSmallKey(pairKey, ValueRole.SECRET_ID, context, V2_EXAMPLE_DELEGATION))
                .contains(V2Reference.Example.SECRET_ID);
        assertThat(format.decryptSmallKey(pairKey, ValueRole.CONTENT_KEY, context, V2_EXAMPLE_ENCRYPTION_KEY))
                .contains(V2Reference.Example.CONTENT_KEY);
        assertThat(format.decryptSmallKey(pairKey, ValueRole.CONTENT_KEY, context, V2_EXAMPLE_DELEGATION)).isEmpty();
        assertThat(format.decryptContent(V2Reference.Example.CONTENT_KEY, EntityType.PATIENT, "1234", V2_EXAMPLE_ENCRYPTED_SELF)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))).contains(V2Reference.Example.JSON);
    }

    static final String V2_EXAMPLE_DELEGATION = "mc2:AgIBoKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u6wwOZyJ-oo7cp30lahquaaxWSrlcBm-UWur4cY5tcNyMC5ADQbpl9yQPsN9WY6z0RgIdPB-DHOUeO8PB2GsEZuYdN5_1rSS2gN8ZJ5ZB0DZ";
    static final String V2_EXAMPLE_ENCRYPTION_KEY = "mc2:AgICoKGio6SlpqeoqaqrrK2ur8DBwsPExcbHyMnKy2N4RlASTKE9qLjKxwabi2YtRIYLC4Ev2x2mfz1UTR6B2aKgxEK6cmb8ejcpmPMAvboG7xvlqJQu5xVP54fTDH4a1Cg9bnE06Dta0VhBwk1m";
    static final String V2_EXAMPLE_ENCRYPTED_SELF = "mc2:AgIE0NHS09TV1tfY2drb3N3e3-Dh4uPk5ebn6Onq6-zt7u_CJTMKkFKaw2xbTHcl6hwnUE2bh8zEuakP6yzvA4K58bCxsrO0tba3uLm6uwIuhElOFSki5-EoF03UkWDIMCXeFSoyXlu4lP7Wm4CLLUkgGK0wNICqbSIoK_bSVWQ";

    /** The bytes after the 3-byte header of an {@code mc2:} value, checking the header. */
    private static byte[] envelopeBody(String value, int role) {
        assertThat(value).startsWith("mc2:");
        byte[] all = Base64.getUrlDecoder().decode(value.substring(4));
        assertThat(java.util.Arrays.copyOf(all, 3)).containsExactly(2, role == 6 ? all[1] : 2, role);
        return java.util.Arrays.copyOfRange(all, 3, all.length);
    }

    /** A v2 small key opened with plain JCA: header ‖ keyId ‖ nonce ‖ GCM, the documented associated data. */
    private static String gcmSmallKey(byte[] pairKey, String value, int role, String type, String entityId, String keyId)
            throws GeneralSecurityException {
        byte[] body = envelopeBody(value, role);
        byte[] id = java.util.Arrays.copyOf(body, 16);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(id)).isEqualTo(keyId);
        java.io.ByteArrayOutputStream aad = V2Reference.tagged("medcrypt v2 value");
        aad.writeBytes(new byte[] {2, 2, (byte) role});
        aad.writeBytes(id);
        for (String field : List.of(type, entityId, "A", "B")) {
            V2Reference.field(aad, field);
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(pairKey, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, body, 16, 12));
        gcm.updateAAD(aad.toByteArray());
        return new String(gcm.doFinal(body, 28, body.length - 28), StandardCharsets.UTF_8);
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

}
