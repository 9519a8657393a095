package org.medcrypt.scheme;

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
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The api's regression tests on the v1 format, moved here from the provider kit (they test
 * medcrypt's handling of hostile documents, not a provider): bad input, and what a server, or
 * anyone who can write documents, must not be able to do. Each was found by a review as a working
 * attack and is fixed. Runs on every bundled provider.
 */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class SchemeRegressionTest {

    @org.junit.jupiter.params.Parameter
    String providerId;

    private static final HexFormat HEX = HexFormat.of();
    private static final String NOTE = "Allergic to penicillin";
    private static final String DESCR = "Consultation: seasonal cough (toux saisonnière)";

    /** Keys made once per provider (RSA generation is slow), by the provider under test. */
    private static final Map<String, Map<String, EncodedRsaKeyPair>> KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Map<String, byte[]>> SIGNING_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private Map<String, EncodedRsaKeyPair> keys;
    private Map<String, byte[]> signingKeys;
    private CryptoProvider provider;

    @org.junit.jupiter.api.BeforeEach
    void generateKeys() throws GeneralSecurityException {
        provider = TestParties.provider(providerId);
        if (!KEYS.containsKey(providerId)) {
            Map<String, EncodedRsaKeyPair> rsa = new LinkedHashMap<>();
            Map<String, byte[]> signing = new LinkedHashMap<>();
            for (String party : List.of("A", "B", "C", "D")) {
                rsa.put(party, provider.rsaOaep().generateKeyPair(2048));
                signing.put(party, DataOwnerKeys.ed25519Pkcs8(provider.ed25519().generateKeyPair().seed()));
            }
            KEYS.put(providerId, rsa);
            SIGNING_KEYS.put(providerId, signing);
        }
        keys = KEYS.get(providerId);
        signingKeys = SIGNING_KEYS.get(providerId);
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
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, List.of(keys.get(keyOf).pkcs8(), signingKeys.get(keyOf))))
                .suite(org.medcrypt.spi.Suite.V1_ICURE)
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
            store.save(tampered); // as a server would serve it
            String before = snapshot(store);
            assertThatThrownBy(() -> b.shareWith(tampered, "C")).isInstanceOf(DecryptionFailedException.class);
            assertThat(snapshot(store)).isEqualTo(before);
        }
        store.save(patient);
        // malformed (odd-length) hex is one more way of not opening: the same generic error
        Patient oddHex = withBsDelegation(patient, DelegationKind.DELEGATIONS, key.substring(1));
        assertThatThrownBy(() -> b.secretForeignKeys(oddHex)).isExactlyInstanceOf(DecryptionFailedException.class);
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
    void someoneElsesKeyIsRefusedAndAKeyThatDoesNotOpenIsAFailure() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        assertThatThrownBy(() -> as("B", "D", store)).isInstanceOf(org.medcrypt.KeyException.class)
                .hasMessageContaining("none of the private keys given for 'B'");
        // a party whose documents say nothing of its keys cannot be checked up front: its wrong key
        // then fails at the first decryption, with the generic message
        EntityStore unchecked = newStore();
        keatsSharedWithB(unchecked);
        ObjectNode aLegacyOnly = unchecked.party("A").orElseThrow().toJson();
        aLegacyOnly.remove("aesExchangeKeys");
        unchecked.saveParty(HealthcareParty.fromJson(aLegacyOnly));
        unchecked.saveParty(HealthcareParty.fromJson(json("{\"id\":\"B\"}")));
        DelegationService bWithDsKey = as("B", "D", unchecked);
        Patient copy = unchecked.patient("1234").orElseThrow();
        assertThatThrownBy(() -> bWithDsKey.decrypt(copy)).isInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> bWithDsKey.requireReadable(copy)).isInstanceOf(DecryptionFailedException.class);
        assertThat(bWithDsKey.canRead(copy)).isFalse();
        DelegationService d = as("D", store);
        assertThatThrownBy(() -> d.requireReadable(patient)).isInstanceOf(AccessDeniedException.class);
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
        Patient seen = store.patient("1234").orElseThrow();
        assertThat(c.decrypt(seen).field("note").map(JsonNode::asText)).contains(NOTE);
        assertThat(only(seen.delegations().get("C")).owner()).isEqualTo("B");
    }

    // ---- what a server (or anyone who can write documents) must not be able to do; each of
    // ---- these was found by a review as a working attack and is fixed

    @Test
    void aCascadeSharesOnlyThePatientsOwnChildren() {
        EntityStore store = newStore();
        DelegationService a = as("A", store);
        Patient p = a.createPatient(json("{\"id\":\"P\",\"note\":\"n\"}"));
        Patient q = a.createPatient(json("{\"id\":\"Q\",\"note\":\"another patient\"}"));
        Contact ofQ = (Contact) a.createChild(EntityType.CONTACT, json("{\"id\":\"qc\",\"descr\":\"not P's\"}"), q);
        // P's secret foreign key is in clear in every child of P: attach it to Q's contact
        List<String> keys = new ArrayList<>(ofQ.secretForeignKeys());
        keys.addAll(a.secretForeignKeys(p));
        store.save(ofQ.withSecretForeignKeys(keys));

        assertThat(a.contactsOf(p)).isEmpty();
        CascadeShareResult result = a.shareWithCascade(store.patient("P").orElseThrow(), "D");
        assertThat(result.shared()).extracting(EncryptableEntity::id).containsExactly("P");
        assertThat(result.skipped()).containsExactly("qc");
        assertThat(as("D", store).canRead(store.entity(EntityType.CONTACT, "qc").orElseThrow())).isFalse();
    }

    @Test
    void aSecretForeignKeyMovedIntoEncryptionKeysIsNeverTakenAsAContentKey() throws Exception {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService b = as("B", store);
        String secretForeignKey = b.secretForeignKeys(patient).iterator().next();
        // the server knows the secret foreign key (it is in clear in the contact) and writes
        // encryptedSelf under it, then moves the delegations entry into encryptionKeys
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(secretForeignKey.replace("-", "")), "AES"),
                new IvParameterSpec(new byte[16]));
        byte[] forged = concat(new byte[16], aes.doFinal("{\"note\":\"No known allergies\"}".getBytes(StandardCharsets.UTF_8)));
        Patient attacked = withBsDelegation(patient, DelegationKind.ENCRYPTION_KEYS, only(patient.delegations().get("B")).key())
                .withFields(json("{\"encryptedSelf\":\"" + Base64.getEncoder().encodeToString(forged) + "\"}"));
        assertThatThrownBy(() -> b.decrypt(attacked)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void encryptedSelfCannotOverwriteTheFieldsMedcryptManages() throws Exception {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService b = as("B", store);
        String contentKey = b.contentKeys(patient).iterator().next();
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(contentKey.replace("-", "")), "AES"),
                new IvParameterSpec(new byte[16]));
        byte[] forged = concat(new byte[16], aes.doFinal(
                "{\"note\":\"x\",\"id\":\"OTHER\",\"delegations\":{}}".getBytes(StandardCharsets.UTF_8)));
        Patient attacked = patient.withFields(json("{\"encryptedSelf\":\"" + Base64.getEncoder().encodeToString(forged) + "\"}"));
        // refused as a failed decryption, with the same message as data that does not decrypt: a
        // different answer after decryption would be an oracle on the CBC plaintext (issue 9)
        Patient garbage = patient.withFields(json("{\"encryptedSelf\":\"" + Base64.getEncoder().encodeToString(
                concat(new byte[16], aes.doFinal("not JSON".getBytes(StandardCharsets.UTF_8)))) + "\"}"));
        Throwable notJson = org.assertj.core.api.Assertions.catchThrowable(() -> as("A", store).decrypt(garbage));
        assertThat(notJson).isInstanceOf(DecryptionFailedException.class);
        assertThatThrownBy(() -> as("A", store).decrypt(attacked)).isInstanceOf(DecryptionFailedException.class)
                .hasMessage(notJson.getMessage());
    }

    @Test
    void twoThreadsSharingWithANewPartyAtOnceKeepOnePairKey() throws Exception {
        InMemoryEntityStore inner = new InMemoryEntityStore();
        keys.forEach((id, pair) -> inner.saveParty(HealthcareParty.of(id, HEX.formatHex(pair.spki()))));
        DelegationService setup = as("A", inner);
        Patient p1 = setup.createPatient(json("{\"id\":\"p1\",\"note\":\"one\"}"));
        Patient p2 = setup.createPatient(json("{\"id\":\"p2\",\"note\":\"two\"}"));
        java.util.concurrent.CyclicBarrier bothComputed = new java.util.concurrent.CyclicBarrier(2);
        EntityStore racing = new DelegatingStore(inner) {
            @Override
            public org.medcrypt.store.UpdateResult apply(org.medcrypt.store.StoreUpdate update) {
                if (!update.parties().isEmpty()) {
                    try {
                        bothComputed.await(10, java.util.concurrent.TimeUnit.SECONDS); // both made a pair key {AC}
                    } catch (Exception e) {
                        // the second thread retried after a conflict: no partner to wait for
                    }
                }
                return super.apply(update);
            }
        };
        DelegationService a = as("A", racing);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> a.shareWith(p1, "C"));
            var second = pool.submit(() -> a.shareWith(p2, "C"));
            first.get(60, java.util.concurrent.TimeUnit.SECONDS);
            second.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        DelegationService c = as("C", inner);
        assertThat(c.decrypt(inner.patient("p1").orElseThrow()).field("note").map(JsonNode::asText)).contains("one");
        assertThat(c.decrypt(inner.patient("p2").orElseThrow()).field("note").map(JsonNode::asText)).contains("two");
        assertThat(inner.party("A").orElseThrow().aesExchangeKeys().values().iterator().next()).containsKey("C");
    }

    @Test
    void aKeyRotationKeepsTheOlderPairKeysThatOlderDataNeeds() throws GeneralSecurityException {
        EntityStore store = newStore();
        DelegationService a = as("A", store);
        a.shareWith(a.createPatient(json("{\"id\":\"old\",\"note\":\"before rotation\"}")), "B");
        // A's document as older iCure data has it: hcPartyKeys only
        ObjectNode legacy = store.party("A").orElseThrow().toJson();
        legacy.remove("aesExchangeKeys");
        store.saveParty(HealthcareParty.fromJson(legacy));
        // A rotates to a new key pair and shares something new with B
        EncodedRsaKeyPair rotated = provider.rsaOaep().generateKeyPair(2048);
        store.saveParty(store.party("A").orElseThrow().withPublicKey(HEX.formatHex(rotated.spki())));
        DelegationService aAfter = DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("A", provider, List.of(rotated.pkcs8(), keys.get("A").pkcs8(), signingKeys.get("A"))))
                .suite(org.medcrypt.spi.Suite.V1_ICURE).build();
        aAfter.shareWith(aAfter.createPatient(json("{\"id\":\"new\",\"note\":\"after rotation\"}")), "B");

        DelegationService b = as("B", store);
        assertThat(b.decrypt(store.patient("new").orElseThrow()).field("note").map(JsonNode::asText)).contains("after rotation");
        assertThat(b.decrypt(store.patient("old").orElseThrow()).field("note").map(JsonNode::asText)).contains("before rotation");
    }

    @Test
    void aForgedExchangeKeyCannotPoisonTheCache() throws GeneralSecurityException {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        HealthcareParty honest = store.party("A").orElseThrow();
        String aSpki = honest.publicKey().orElseThrow();
        String bFingerprint = KeyFingerprint.of(HEX.formatHex(keys.get("B").spki())).value();
        // the server wraps a key of its own for B under an owner key that ends like A's
        byte[] wrapped = provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(keys.get("B").spki()),
                OaepParameters.SHA1_MGF1_SHA1, new byte[32], new byte[0]);
        ObjectNode forged = honest.toJson();
        ObjectNode exchangeKeys = MedcryptJson.nodes().objectNode();
        exchangeKeys.putObject("deadbeef" + aSpki.substring(aSpki.length() - 32)).putObject("B")
                .put(bFingerprint, HEX.formatHex(wrapped));
        exchangeKeys.setAll((ObjectNode) forged.get("aesExchangeKeys"));
        forged.set("aesExchangeKeys", exchangeKeys);
        store.saveParty(HealthcareParty.fromJson(forged));

        DelegationService b = as("B", store);
        assertThat(b.decrypt(patient).field("note").map(JsonNode::asText)).contains(NOTE); // the forged key does not open
        store.saveParty(honest);
        assertThat(b.decrypt(patient).field("note").map(JsonNode::asText)).contains(NOTE);
    }

    @Test
    void theErrorDoesNotTellWhichCharacterOfAContentKeyWasFlipped() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService b = as("B", store);
        byte[] original = HEX.parseHex(only(patient.encryptionKeys().get("B")).key());
        for (int delta = 1; delta < 128; delta++) {
            byte[] flipped = original.clone();
            flipped[5] ^= (byte) delta; // IV byte 5 flips the first character of the content key
            Patient tampered = withBsDelegation(patient, DelegationKind.ENCRYPTION_KEYS, HEX.formatHex(flipped));
            try {
                // flipping a letter's case (delta 0x20) leaves the same hex key: that one opens
                assertThat(b.decrypt(tampered).field("note").map(JsonNode::asText)).contains(NOTE);
                assertThat(delta).isEqualTo(0x20);
            } catch (MedcryptException e) {
                assertThat(e).isInstanceOf(DecryptionFailedException.class); // never a FormatException
            }
        }
    }

    @Test
    void oneWritersMalformedDelegationDoesNotStopOtherReaders() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        Map<String, List<Delegation>> delegations = new LinkedHashMap<>(patient.delegations());
        List<Delegation> forB = new ArrayList<>();
        forB.add(new Delegation("C", "B", "zz"));
        forB.addAll(patient.delegations().get("B"));
        delegations.put("B", forB);
        Patient withJunk = patient.withDelegationMap(DelegationKind.DELEGATIONS, delegations);
        DelegationService b = as("B", store);
        assertThat(b.secretForeignKeys(withJunk)).hasSize(1);
        assertThat(b.canRead(withJunk)).isTrue();
    }

    @Test
    void aStaleOrModifiedCopyIsNotSharedAndPlaintextNeverReachesTheStore() {
        EntityStore store = newStore();
        Patient patient = keatsSharedWithB(store);
        DelegationService a = as("A", store);
        Patient modified = patient.withFields(json("{\"note\":\"" + NOTE + "\"}"));
        String before = snapshot(store);
        assertThatThrownBy(() -> a.shareWith(modified, "C")).isInstanceOf(org.medcrypt.ConflictException.class)
                .hasMessageContaining("not the stored version");
        assertThat(snapshot(store)).isEqualTo(before).doesNotContain(NOTE);
        a.shareWith(patient, "C");
        assertThat(snapshot(store)).doesNotContain(NOTE);
    }

    @Test
    void junkInALegacyEntryCostsOneRsaOperationNotOnePerRead() {
        EntityStore store = newStore();
        keatsSharedWithB(store);
        ObjectNode a = store.party("A").orElseThrow().toJson();
        a.remove("aesExchangeKeys");
        a.remove(HealthcareParty.PAIR_KEYS);
        ((ObjectNode) a.get("hcPartyKeys")).putArray("B").add("00").add(HEX.formatHex(new byte[256]));
        store.saveParty(HealthcareParty.fromJson(a));
        ObjectNode bare = json("{\"id\":\"B\"}");
        store.saveParty(HealthcareParty.fromJson(bare));
        DelegationService b = as("B", store);
        Patient patient = store.patient("1234").orElseThrow();
        for (int i = 0; i < 10; i++) {
            assertThat(b.canRead(patient)).isFalse();
        }
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** A store that forwards everything, for tests that interpose on one call. */
    private static class DelegatingStore extends org.medcrypt.store.ForwardingEntityStore {
        DelegatingStore(EntityStore inner) {
            super(inner);
        }
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

}
