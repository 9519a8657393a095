package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;
import org.medcrypt.tck.V2Reference;

/**
 * The store, which knows every public key and no private key, writes a pair key X it made into
 * A's document before A first shares with E, hoping A shares under X so that it can read what A
 * shares. With the default policy A never uses it: the store recovers nothing. Each test first
 * shows the attack working where medcrypt is told to trust unsigned keys.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class PlantedPairKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    String providerId;

    private CryptoProvider provider;
    private final byte[] x = new byte[32];

    @BeforeEach
    void setUp() {
        provider = TestParties.provider(providerId);
        new java.security.SecureRandom().nextBytes(x);
    }

    private String wrap(String party, OaepParameters parameters, byte[] label) throws Exception {
        return HEX.formatHex(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki(party)),
                parameters, x, label));
    }

    /** What the store writes, iCure-style: hcPartyKeys[E] and aesExchangeKeys[A's key][E] hold X. */
    private void plantV1(EntityStore store) throws Exception {
        HealthcareParty a = store.party("A").orElseThrow();
        String forA = wrap("A", OaepParameters.SHA1_MGF1_SHA1, new byte[0]);
        String forE = wrap("E", OaepParameters.SHA1_MGF1_SHA1, new byte[0]);
        String spkiA = a.publicKey().orElseThrow();
        String spkiE = store.party("E").orElseThrow().publicKey().orElseThrow();
        ((InMemoryEntityStore) store).saveParty(a.withPairKey("E", spkiA, KeyFingerprint.of(spkiA).value(), forA,
                KeyFingerprint.of(spkiE).value(), forE));
    }

    /** The same in v2's place, unsigned or signed by the store's own key published as A's. */
    private String plantV2(EntityStore store, boolean signedByTheStore) throws Exception {
        HealthcareParty a = store.party("A").orElseThrow();
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        byte[] label = V2Reference.wrappingLabel(id, "A", "E");
        String forA = StoreForgery.v2Wrapped(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("A")),
                OaepParameters.SHA256_MGF1_SHA256, x, label));
        String forE = StoreForgery.v2Wrapped(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("E")),
                OaepParameters.SHA256_MGF1_SHA256, x, label));
        String fpA = KeyFingerprint.of(a.publicKey().orElseThrow()).value();
        String fpE = KeyFingerprint.of(store.party("E").orElseThrow().publicKey().orElseThrow()).value();
        PairKeyEntry entry = new PairKeyEntry("v2", id, fpA, fpE, forA, forE, Optional.empty(), Map.of());
        if (signedByTheStore) {
            var storeKeys = provider.ed25519().generateKeyPair();
            byte[] signature = provider.ed25519().sign(provider.ed25519().importPrivateKey(storeKeys.seed()),
                    PairKeySignatures.message("A", "E", entry));
            entry = new PairKeyEntry("v2", id, fpA, fpE, forA, forE,
                    Optional.of(PairKeySignatures.encode(Suite.V2_GCM_OAEP256, signature)), Map.of());
            a = a.withSigningKey(HEX.formatHex(storeKeys.publicKey()));
        }
        ((InMemoryEntityStore) store).saveParty(a.withPairKeyEntry("E", entry));
        return id;
    }

    /** What the store can read of E's small keys on P with X: each value it opens. */
    private List<String> readWithX(Patient patient) throws Exception {
        AesKey key = provider.aesKeys().importKey(x);
        List<String> opened = new java.util.ArrayList<>();
        for (Delegation delegation : patient.delegationMap(org.medcrypt.model.DelegationKind.ENCRYPTION_KEYS).getOrDefault("E", List.of())) {
            String value = delegation.key();
            try {
                if (value.startsWith("mc2:")) {
                    byte[] body = Base64.getUrlDecoder().decode(value.substring(4));
                    byte[] sealed = Arrays.copyOfRange(body, 3 + 16, body.length);
                    // any associated data: the store knows it all; a tag failure means X is not the key
                    opened.add(new String(provider.aesGcm().decrypt(key, sealed, v2Aad(body, patient.id(), "A", "E")), StandardCharsets.UTF_8));
                } else {
                    String text = new String(provider.aesCbc().decrypt(key, HEX.parseHex(value)), StandardCharsets.UTF_8);
                    if (text.startsWith(patient.id() + ":")) {
                        opened.add(text);
                    }
                }
            } catch (java.security.GeneralSecurityException notUnderX) {
                // not encrypted under X
            }
        }
        return opened;
    }

    private static byte[] v2Aad(byte[] body, String entityId, String owner, String delegate) {
        java.io.ByteArrayOutputStream aad = new java.io.ByteArrayOutputStream();
        aad.writeBytes("medcrypt v2 value".getBytes(StandardCharsets.US_ASCII));
        aad.write(0);
        aad.writeBytes(Arrays.copyOf(body, 3 + 16));
        for (String field : new String[] {"PATIENT", entityId, owner, delegate}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            aad.write(bytes.length >>> 24);
            aad.write(bytes.length >>> 16);
            aad.write(bytes.length >>> 8);
            aad.write(bytes.length);
            aad.writeBytes(bytes);
        }
        return aad.toByteArray();
    }

    private Patient createAndShare(Suite suite, boolean trustUnsigned, PlantStep plant) throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, b -> b.suite(suite).trustUnsignedPairKeys(trustUnsigned));
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"Allergic to penicillin\"}", "t"));
        plant.run(store);
        a.shareWith(store.patient("P").orElseThrow(), "E");
        Patient shared = store.patient("P").orElseThrow();
        // E reads the right note either way
        DelegationService e = TestParties.as("E", provider, store);
        assertThat(e.decrypt(shared).field("note").map(JsonNode::asText)).contains("Allergic to penicillin");
        return shared;
    }

    @FunctionalInterface
    private interface PlantStep {
        void run(EntityStore store) throws Exception;
    }

    @Test
    void aPlantedV1PairKeyIsNeverSharedUnderByDefault() throws Exception {
        // the attack, where the caller trusts unsigned keys: the store reads the content key
        Patient trusted = createAndShare(Suite.V1_ICURE, true, this::plantV1);
        assertThat(readWithX(trusted)).hasSize(1);

        Patient shared = createAndShare(Suite.V1_ICURE, false, this::plantV1);
        assertThat(readWithX(shared)).isEmpty();
    }

    @Test
    void aPlantedV1KeyIsDisplacedAndTheNewSignedKeyTakesIcuresSlots() throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE));
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        plantV1(store);
        String plantedForE = store.party("A").orElseThrow().hcPartyKeys().get("E").get(1);
        a.shareWith(store.patient("P").orElseThrow(), "E");
        HealthcareParty after = store.party("A").orElseThrow();
        assertThat(after.hcPartyKeys().get("E").get(1)).isNotEqualTo(plantedForE);
        List<PairKeyEntry> entries = after.pairKeyEntries("E");
        assertThat(entries).anySatisfy(entry -> assertThat(entry.displacedCopies()).containsValue(plantedForE));
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.signature()).isPresent();
            assertThat(entry.forDelegate()).isEqualTo(after.hcPartyKeys().get("E").get(1));
        });
    }

    @Test
    void aPlantedUnsignedV2PairKeyIsNeverUsed() throws Exception {
        // trusting unsigned keys never applies to v2
        Patient shared = createAndShare(Suite.V2_GCM_OAEP256, true, store -> plantV2(store, false));
        assertThat(readWithX(shared)).isEmpty();
    }

    @Test
    void aPlantedV2PairKeySignedWithAKeyTheStorePublishedAsAsIsNeverUsed() throws Exception {
        // A checks its own pair keys with its own signing key, not with the one its document shows
        Patient shared = createAndShare(Suite.V2_GCM_OAEP256, false, store -> plantV2(store, true));
        assertThat(readWithX(shared)).isEmpty();
    }

    /**
     * The documented limit, and its remedy: a store that replaces A's published signing key can
     * sign a pair key {AB} of its own and forge an entity "from A" that B reads — unless B pins A's
     * real signing key.
     */
    @Test
    void aReaderThatPinsTheOwnersSigningKeyRefusesDataForgedUnderAReplacedOne() throws Exception {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store).createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"real\"}", "t"));
        String realSigningKey = store.party("A").orElseThrow().signingKey().orElseThrow();
        // the store: a v2 pair key A→B of its own, signed with its own key now published as A's
        HealthcareParty a = store.party("A").orElseThrow();
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        byte[] label = V2Reference.wrappingLabel(id, "A", "B");
        String forA = StoreForgery.v2Wrapped(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("A")),
                OaepParameters.SHA256_MGF1_SHA256, x, label));
        String forB = StoreForgery.v2Wrapped(provider.rsaOaep().encrypt(provider.rsaOaep().importPublicKey(TestParties.rsaSpki("B")),
                OaepParameters.SHA256_MGF1_SHA256, x, label));
        String fpA = KeyFingerprint.of(a.publicKey().orElseThrow()).value();
        String fpB = KeyFingerprint.of(store.party("B").orElseThrow().publicKey().orElseThrow()).value();
        PairKeyEntry unsigned = new PairKeyEntry("v2", id, fpA, fpB, forA, forB, Optional.empty(), Map.of());
        var storeKeys = provider.ed25519().generateKeyPair();
        byte[] signature = provider.ed25519().sign(provider.ed25519().importPrivateKey(storeKeys.seed()),
                PairKeySignatures.message("A", "B", unsigned));
        PairKeyEntry signed = new PairKeyEntry("v2", id, fpA, fpB, forA, forB,
                Optional.of(PairKeySignatures.encode(Suite.V2_GCM_OAEP256, signature)), Map.of());
        ((InMemoryEntityStore) store).saveParty(a.withSigningKey(HEX.formatHex(storeKeys.publicKey())).withPairKeyEntry("B", signed));
        // ... and an entity "from A" for B, written under X
        byte[] keyId = new byte[16];
        byte[] nonce1 = new byte[12];
        byte[] nonce2 = new byte[12];
        nonce2[0] = 1;
        String contentKey = "ab".repeat(32);
        ObjectNode forged = MedcryptJson.parseObject("{\"id\":\"F\"}", "t");
        ObjectNode delegations = forged.putObject("delegations");
        delegations.putArray("B").addObject().put("owner", "A").put("delegatedTo", "B")
                .put("key", V2Reference.smallKey(x, 1, keyId, nonce1, "PATIENT", "F", "A", "B", "ab".repeat(32).replace('a', 'c')));
        forged.putObject("encryptionKeys").putArray("B").addObject().put("owner", "A").put("delegatedTo", "B")
                .put("key", V2Reference.smallKey(x, 2, keyId, nonce2, "PATIENT", "F", "A", "B", contentKey));
        forged.put("encryptedSelf", V2Reference.encryptedSelf(HEX.parseHex(contentKey), new byte[32], nonce1, "PATIENT", "F",
                "{\"note\":\"forged by the store\"}"));
        ((InMemoryEntityStore) store).save(Patient.fromJson(forged));

        // unpinned, B trusts the key the store publishes as A's: the forgery reads (the documented limit)
        DelegationService unpinned = TestParties.as("B", provider, store);
        assertThat(unpinned.decrypt(store.patient("F").orElseThrow()).field("note").map(JsonNode::asText))
                .contains("forged by the store");
        // pinned to A's real key, B refuses it with the generic error
        DelegationService pinned = TestParties.as("B", provider, store, b -> b.pinSigningKey("A", realSigningKey));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pinned.decrypt(store.patient("F").orElseThrow()))
                .isExactlyInstanceOf(org.medcrypt.DecryptionFailedException.class);

        // the store adds a rotation step "A's real key endorses the store's key", which it can only
        // sign with a key of its own: a pinned reader follows a step only if the pinned key signed it
        String storeKeyHex = HEX.formatHex(storeKeys.publicKey());
        byte[] notBySigner = provider.ed25519().sign(provider.ed25519().importPrivateKey(storeKeys.seed()),
                PairKeySignatures.signingKeyRotationMessage("A", realSigningKey, storeKeyHex));
        ((InMemoryEntityStore) store).saveParty(store.party("A").orElseThrow().withSigningKeyRotation(
                new org.medcrypt.model.SigningKeyRotation(realSigningKey, storeKeyHex,
                        PairKeySignatures.encodeSigningKeyRotation(notBySigner))));
        assertThat(store.party("A").orElseThrow().signingKeyRotations()).hasSize(1);
        DelegationService pinnedAfterRotation = TestParties.as("B", provider, store, b -> b.pinSigningKey("A", realSigningKey));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pinnedAfterRotation.decrypt(store.patient("F").orElseThrow()))
                .isExactlyInstanceOf(org.medcrypt.DecryptionFailedException.class);
    }

    @Test
    void withoutASigningKeyAPartySharesOnlyUnderKeysTheCallerTrusts() throws Exception {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE))
                .createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        plantV1(store);
        String before = TestParties.snapshot(store);
        DelegationService noSigningKey = TestParties.asWithoutSigningKey("A", provider, store, b -> b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noSigningKey.shareWith(store.patient("P").orElseThrow(), "E"))
                .isInstanceOf(org.medcrypt.KeyException.class).hasMessageContaining("signing key");
        assertThat(TestParties.snapshot(store)).isEqualTo(before);
    }
}
