package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medcrypt.agility.GrantResult;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.agility.KeyUpdateRequest;
import org.medcrypt.agility.RotationResult;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.V2Reference;

/**
 * Rotation seen from a store that holds a stolen old signing key, and key-update requests the store
 * makes up (review findings 5/R2 and 8).
 */
class RotationAfterCompromiseTest {

    private final CryptoProvider provider = TestParties.provider("jca");

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] ed25519() throws Exception {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    private DataOwnerKeys old(String party) {
        return DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(party), TestParties.signingPkcs8(party)));
    }

    // ---------------------------------------------------------------- 5/R2

    /**
     * A rotates K0 → K1, then reads with its new and its old key files (as until every grant is
     * done). The store, holding a stolen K0, plants a pair key {A→B} of its own signed with K0 and
     * drops the real ones: A must not share under it, nor re-sign it when it rotates again.
     */
    @Test
    void aPairKeyPlantedWithAStolenOldSigningKeyIsNotTheParty_sOwn() throws Exception {
        EntityStore store = TestParties.newStore();
        DelegationService before = TestParties.as("A", provider, store);
        before.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        before.shareWith(store.patient("P").orElseThrow(), "B");
        KeyPair newRsa = rsa();
        byte[] newSigning = ed25519();
        KeyRotation.of(provider, store).rotate(old("A"),
                DataOwnerKeys.fromPkcs8("A", provider, List.of(newRsa.getPrivate().getEncoded(), newSigning)));

        byte[] plantedKeyId = new byte[16];
        new SecureRandom().nextBytes(plantedKeyId);
        PairKeyEntry planted = plantedEntry(newRsa.getPublic(), plantedKeyId, old("A").currentSigningKey().orElseThrow());
        ObjectNode aDocument = store.party("A").orElseThrow().toJson();
        ((ObjectNode) aDocument.get(HealthcareParty.PAIR_KEYS)).remove("B");
        store.saveParty(HealthcareParty.fromJson(aDocument).withPairKeyEntry("B", planted));

        DataOwnerKeys newAndOld = DataOwnerKeys.fromPkcs8("A", provider, List.of(newRsa.getPrivate().getEncoded(), newSigning,
                TestParties.rsaPkcs8("A"), TestParties.signingPkcs8("A")));
        DelegationService a = DelegationService.builder().provider(provider).store(store).dataOwner(newAndOld).build();
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"Q\",\"note\":\"new secret\"}", "t"));
        a.shareWith(store.patient("Q").orElseThrow(), "B");
        String value = store.patient("Q").orElseThrow().toJson().get("encryptionKeys").get("B").get(0).get("key").asText();
        byte[] body = Base64.getUrlDecoder().decode(value.substring(4));
        assertThat(Arrays.copyOfRange(body, 3, 19)).isNotEqualTo(plantedKeyId);
        // a new pair key signed with K1 was made instead, and B reads Q under it
        assertThat(store.party("A").orElseThrow().pairKeyEntries("B")).hasSize(2);
        assertThat(TestParties.as("B", provider, store).decrypt(store.patient("Q").orElseThrow()).field("note").orElseThrow()
                .asText()).isEqualTo("new secret");

        // rotating again (K1 → K2) with both key files does not vouch for the planted key with K2
        KeyPair newerRsa = rsa();
        RotationResult again = KeyRotation.of(provider, store).rotate(newAndOld,
                DataOwnerKeys.fromPkcs8("A", provider, List.of(newerRsa.getPrivate().getEncoded(), ed25519())));
        assertThat(again.skipped()).anySatisfy(skipped -> {
            assertThat(skipped.pairKey().location()).isEqualTo("medcryptPairKeys id=" + planted.id());
            assertThat(skipped.reason()).contains("not signed");
        });
        String newerFp = KeyFingerprint.of(TestParties.HEX.formatHex(newerRsa.getPublic().getEncoded())).value();
        assertThat(store.party("A").orElseThrow().pairKeyEntries("B"))
                .noneMatch(entry -> entry.id().equals(planted.id()) && entry.ownerKey().equals(newerFp));
    }

    /** {A→B} v2 of the store's own key, wrapped for A's new RSA key and B's, signed with {@code signer}. */
    private static PairKeyEntry plantedEntry(PublicKey aKey, byte[] keyIdBytes, DataOwnerKeys.SigningKey signer)
            throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(keyIdBytes);
        byte[] label = V2Reference.wrappingLabel(keyId, "A", "B");
        PublicKey bKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(TestParties.rsaSpki("B")));
        String fpA = KeyFingerprint.of(TestParties.HEX.formatHex(aKey.getEncoded())).value();
        String fpB = KeyFingerprint.of(TestParties.HEX.formatHex(TestParties.rsaSpki("B"))).value();
        PairKeyEntry unsigned = new PairKeyEntry("v2", keyId, fpA, fpB, wrapped(aKey, raw, label), wrapped(bKey, raw, label),
                Optional.empty(), Map.of());
        byte[] signature = signer.sign(PairKeySignatures.message("A", "B", unsigned));
        return new PairKeyEntry("v2", keyId, fpA, fpB, unsigned.forOwner(), unsigned.forDelegate(),
                Optional.of(PairKeySignatures.encode(Suite.V2_GCM_OAEP256, signature)), Map.of());
    }

    private static String wrapped(PublicKey key, byte[] raw, byte[] label) throws Exception {
        return StoreForgery.v2Wrapped(StoreForgery.oaep256(key, raw, label));
    }

    // ---------------------------------------------------------------- 8

    /** Parties the store invents, each with one pending request to A, do not stop B's genuine request. */
    @Test
    void aMalformedRequestIsRefusedOnItsOwnAndTheOthersAreGranted() throws Exception {
        EntityStore store = TestParties.newStore();
        TestParties.as("A", provider, store).createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "t"));
        TestParties.as("A", provider, store).shareWith(store.patient("P").orElseThrow(), "B");
        KeyPair newB = rsa();
        byte[] newBSigning = ed25519();
        KeyRotation.of(provider, store).rotate(old("B"),
                DataOwnerKeys.fromPkcs8("B", provider, List.of(newB.getPrivate().getEncoded(), newBSigning)));
        // S: publicKey "00" and a proof-shaped value; T: a valid-looking key, no proof at all
        store.saveParty(invented("S", "00", List.of("ab".repeat(32))));
        store.saveParty(invented("T", TestParties.HEX.formatHex(TestParties.rsaSpki("E")), List.of()));

        GrantResult result = KeyRotation.of(provider, store).grantKeyUpdates(old("A"));

        assertThat(result.granted()).singleElement().satisfies(granted ->
                assertThat(granted.request().requester()).isEqualTo("B"));
        assertThat(result.refused()).hasSize(2).anySatisfy(refused -> {
            assertThat(refused.request().requester()).isEqualTo("S");
            assertThat(refused.reason()).contains("not a usable RSA public key");
        }).anySatisfy(refused -> {
            assertThat(refused.request().requester()).isEqualTo("T");
            assertThat(refused.reason()).contains("no well-formed proof");
        });
        assertThat(KeyRotation.requestsOf(store, "B")).extracting(KeyUpdateRequest::status)
                .containsExactly(KeyUpdateRequest.COMPLETED);
        assertThat(KeyRotation.pendingRequestsFor(store, "A")).extracting(KeyUpdateRequest::requester)
                .containsExactlyInAnyOrder("S", "T");
        // B reads with its new key alone
        DelegationService b = DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("B", provider, List.of(newB.getPrivate().getEncoded(), newBSigning))).build();
        assertThat(b.decrypt(store.patient("P").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo("n");
    }

    private static HealthcareParty invented(String id, String publicKey, List<String> proofs) {
        ObjectNode party = HealthcareParty.of(id, publicKey).toJson();
        ObjectNode request = party.putArray("medcryptKeyUpdateRequests").addObject();
        request.put("id", "req-" + id).put("taskType", "KEY_PAIR_UPDATE").put("status", "pending").put("responsible", "A");
        ArrayNode properties = request.putArray("properties");
        properties.addObject().put("id", "dataOwnerConcernedId").putObject("typedValue").put("stringValue", id);
        properties.addObject().put("id", "dataOwnerConcernedPubKey").putObject("typedValue").put("stringValue", publicKey);
        ArrayNode proofList = request.putArray("medcryptProofs");
        proofs.forEach(proofList::add);
        return HealthcareParty.fromJson(party);
    }
}
