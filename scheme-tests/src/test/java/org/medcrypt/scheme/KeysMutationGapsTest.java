package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.KeyException;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.KeyOwnership;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed the other tests left unchecked in the keys
 * packages: the cache's counters and bounds, fingerprints, the parsing and choice of a data owner's
 * keys, which keys the documents recognise as a party's, and a pinned signing key followed through
 * a rotation. Real keys, on the JDK provider.
 */
class KeysMutationGapsTest {

    private static final String NOTE = "Allergic to penicillin";

    private final CryptoProvider provider = TestParties.provider("jca");

    private static ObjectNode patient(String id) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put("note", NOTE);
        return node;
    }

    private DataOwnerKeys keys(String party, String rsaOf, String signingOf) {
        return signingOf == null ? DataOwnerKeys.fromPkcs8(party, provider, TestParties.rsaPkcs8(rsaOf))
                : DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(rsaOf), TestParties.signingPkcs8(signingOf)));
    }

    private static String spki(String party) {
        return HexFormat.of().formatHex(TestParties.rsaSpki(party));
    }

    // ---------------------------------------------------------------- the cache

    @Test
    void theCacheCountsWhatReadingCostAndForgetsItAllWhenCleared() {
        assertThat(PairKeyCache.create().capacity()).isEqualTo(PairKeyCache.DEFAULT_CAPACITY).isEqualTo(10_000);
        assertThat(PairKeyCache.withCapacity(1).capacity()).isEqualTo(1);
        assertThatThrownBy(() -> PairKeyCache.withCapacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");

        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient p1 = a.shareWith(a.createPatient(patient("p1")), "B");
        Patient p2 = a.shareWith(a.createPatient(patient("p2")), "B");

        PairKeyCache cache = PairKeyCache.withCapacity(5);
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.pairKeyCache(cache));
        assertThat(cache.size()).isZero();
        assertThat(b.decrypt(p1).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(cache.rsaOperations()).as("one pair key, unwrapped once").isEqualTo(1);
        assertThat(cache.signatureVerifications()).as("its signature, checked once").isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        long hitsAfterFirst = cache.hits();

        assertThat(b.decrypt(p2).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(cache.rsaOperations()).isEqualTo(1);
        assertThat(cache.signatureVerifications()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isGreaterThan(hitsAfterFirst);
        assertThat(cache.toString()).contains("size=1/5", "rsaOperations=1", "signatureVerifications=1", "misses=1",
                "hits=" + cache.hits());

        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(cache.rsaOperations()).isZero();
        assertThat(cache.signatureVerifications()).isZero();
        assertThat(cache.hits()).isZero();
        assertThat(cache.misses()).isZero();
        // everything is done again, once
        assertThat(b.decrypt(p1).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(cache.rsaOperations()).as("the destroyed key unwrapped again").isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aClearedCacheSharedWithANewServiceChecksSignaturesAgain() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient p1 = a.shareWith(a.createPatient(patient("p1")), "B");
        PairKeyCache cache = PairKeyCache.create();
        TestParties.as("B", provider, store, builder -> builder.pairKeyCache(cache)).decrypt(p1);
        assertThat(cache.signatureVerifications()).isEqualTo(1);
        cache.clear();
        // a new service of B (its own per-document memo) with the cleared cache: nothing is taken on trust from before
        assertThat(TestParties.as("B", provider, store, builder -> builder.pairKeyCache(cache)).decrypt(p1)
                .field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(cache.signatureVerifications()).isEqualTo(1);
        assertThat(cache.rsaOperations()).isEqualTo(1);
    }

    @Test
    void destroyedSigningKeysSignNothing() {
        DataOwnerKeys keys = keys("A", "A", "A");
        DataOwnerKeys.SigningKey signing = keys.currentSigningKey().orElseThrow();
        byte[] message = new byte[] {1, 2, 3};
        assertThat(signing.sign(message)).hasSize(64);
        keys.destroy();
        assertThatThrownBy(() -> signing.sign(message)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aCacheOfOneKeyStillReadsEverythingAndRedoesWhatItDropped() {
        EntityStore store = TestParties.newStore();
        Patient fromA = TestParties.as("A", provider, store).shareWith(
                TestParties.as("A", provider, store).createPatient(patient("pa")), "B");
        Patient fromC = TestParties.as("C", provider, store).shareWith(
                TestParties.as("C", provider, store).createPatient(patient("pc")), "B");
        PairKeyCache one = PairKeyCache.withCapacity(1);
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.pairKeyCache(one));
        for (int round = 0; round < 2; round++) {
            assertThat(b.decrypt(fromA).field("note").orElseThrow().asText()).isEqualTo(NOTE);
            assertThat(b.decrypt(fromC).field("note").orElseThrow().asText()).isEqualTo(NOTE);
            assertThat(one.size()).isEqualTo(1);
        }
        assertThat(one.rsaOperations()).as("each key dropped for the other, and unwrapped again").isEqualTo(4);
    }

    // ---------------------------------------------------------------- fingerprints and owner keys

    @Test
    void aFingerprintIsTheLast32HexDigitsInLowerCase() {
        String hex = spki("A");
        KeyFingerprint fingerprint = KeyFingerprint.of(hex.toUpperCase(Locale.ROOT));
        assertThat(fingerprint.value()).isEqualTo(hex.substring(hex.length() - 32)).hasSize(KeyFingerprint.LENGTH);
        assertThat(fingerprint.toString()).isEqualTo(fingerprint.value());
        assertThat(KeyFingerprint.of("ABCDEF0123456789abcdef0123456789").value()).isEqualTo("abcdef0123456789abcdef0123456789");
        assertThatThrownBy(() -> KeyFingerprint.of("abcdef0123456789abcdef012345678")).isInstanceOf(KeyException.class)
                .hasMessageContaining("31");
    }

    @Test
    void aDataOwnersKeysAreParsedInOrderAndTheFirstOfEachKindIsCurrent() {
        DataOwnerKeys keys = DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"),
                TestParties.signingPkcs8("A"), TestParties.rsaPkcs8("B"), TestParties.signingPkcs8("B")));
        assertThat(keys.partyId()).isEqualTo("A");
        assertThat(keys.keyPairs()).extracting(DataOwnerKeys.OwnedKeyPair::spkiHex).containsExactly(spki("A"), spki("B"));
        assertThat(keys.keyPairs().get(0).fingerprint()).isEqualTo(KeyFingerprint.of(spki("A")));
        assertThat(keys.signingKeys()).hasSize(2);
        assertThat(keys.currentSigningKey().orElseThrow().publicKeyHex())
                .isEqualTo(keys("A", "A", "A").currentSigningKey().orElseThrow().publicKeyHex())
                .isNotEqualTo(keys.signingKeys().get(1).publicKeyHex())
                .hasSize(64).isLowerCase();
        assertThat(keys("A", "A", null).currentSigningKey()).isEmpty();
        assertThat(keys("A", "A", null).signingKeys()).isEmpty();

        assertThat(keys.byFingerprint(KeyFingerprint.of(spki("B"))).orElseThrow().spkiHex()).isEqualTo(spki("B"));
        assertThat(keys.byFingerprint(KeyFingerprint.of(spki("C")))).isEmpty();
        assertThat(keys.preferring(Optional.of(spki("B").toUpperCase(Locale.ROOT))))
                .extracting(DataOwnerKeys.OwnedKeyPair::spkiHex).containsExactly(spki("B"), spki("A"));
        assertThat(keys.preferring(Optional.of(spki("A")))).extracting(DataOwnerKeys.OwnedKeyPair::spkiHex)
                .containsExactly(spki("A"), spki("B"));
        assertThat(keys.preferring(Optional.empty())).extracting(DataOwnerKeys.OwnedKeyPair::spkiHex)
                .containsExactly(spki("A"), spki("B"));

        // what the keys print names them and never shows a private key
        String text = keys.toString();
        assertThat(text).contains("party=A", KeyFingerprint.of(spki("A")).value(), KeyFingerprint.of(spki("B")).value(),
                "signingKeys=2");
        assertThat(keys.keyPairs().get(0).toString()).contains(KeyFingerprint.of(spki("A")).value(), "<redacted>");
        assertThat(keys.currentSigningKey().orElseThrow().toString())
                .contains(keys.currentSigningKey().orElseThrow().publicKeyHex(), "<redacted>");
        String privateHex = HexFormat.of().formatHex(TestParties.rsaPkcs8("A"));
        for (String shown : List.of(text, keys.keyPairs().get(0).toString(), keys.currentSigningKey().orElseThrow().toString())) {
            assertThat(shown).doesNotContain(privateHex.substring(privateHex.length() - 64));
        }
    }

    @Test
    void theSigningKeySignsWhatItsPublishedHalfVerifies() throws Exception {
        DataOwnerKeys.SigningKey key = keys("A", "A", "A").currentSigningKey().orElseThrow();
        byte[] message = "pair key A→B".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        assertThat(signature).hasSize(64);
        var publicKey = provider.ed25519().importPublicKey(HexFormat.of().parseHex(key.publicKeyHex()));
        assertThat(provider.ed25519().verify(publicKey, message, signature)).isTrue();
        message[0] ^= 1;
        assertThat(provider.ed25519().verify(publicKey, message, signature)).isFalse();
    }

    @Test
    void badKeyInputIsAKeyErrorThatSaysWhichKey() {
        assertThatThrownBy(() -> DataOwnerKeys.fromPkcs8("A", provider, List.of())).isInstanceOf(KeyException.class)
                .hasMessageContaining("'A'").hasMessageContaining("at least one private key");
        assertThatThrownBy(() -> DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.signingPkcs8("A"))))
                .isInstanceOf(KeyException.class).hasMessageContaining("RSA");
        byte[] junk = new byte[] {0x30, 0x03, 0x02, 0x01, 0x00};
        assertThatThrownBy(() -> DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"), junk)))
                .isInstanceOf(KeyException.class);
        // well-formed PKCS#8 of an RSA key the provider refuses (a 1-bit modulus): the error names the key by its place
        byte[] tiny = HexFormat.of().parseHex("3031020100300d06092a864886f70d010101050004" + "1d" + "301b020100"
                + "020101".repeat(8));
        assertThatThrownBy(() -> DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"), tiny)))
                .isInstanceOf(KeyException.class).hasMessageContaining("private key #2 of 'A'");
        assertThatThrownBy(() -> DataOwnerKeys.fromPkcs8("A", provider, List.of(tiny, TestParties.rsaPkcs8("A"))))
                .isInstanceOf(KeyException.class).hasMessageContaining("private key #1 of 'A'");
        assertThatThrownBy(() -> DataOwnerKeys.ed25519Pkcs8(new byte[31])).isInstanceOf(KeyException.class);
        assertThatThrownBy(() -> DataOwnerKeys.ed25519Pkcs8(new byte[33])).isInstanceOf(KeyException.class);

        // a seed's PKCS#8 reads back as the same signing key
        byte[] seed = new byte[32];
        seed[0] = 7;
        byte[] pkcs8 = DataOwnerKeys.ed25519Pkcs8(seed);
        DataOwnerKeys fromSeed = DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"), pkcs8));
        assertThat(fromSeed.currentSigningKey().orElseThrow().publicKeyHex()).isEqualTo(
                DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"), DataOwnerKeys.ed25519Pkcs8(seed.clone())))
                        .currentSigningKey().orElseThrow().publicKeyHex());
        assertThat(pkcs8).hasSize(48);
    }

    @Test
    void destroyedKeysNoLongerOpenAnything() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.shareWith(a.createPatient(patient("p")), "B");
        DataOwnerKeys bKeys = keys("B", "B", "B");
        DelegationService b = DelegationService.builder().provider(provider).store(store).dataOwner(bKeys).build();
        assertThat(b.decrypt(patient).field("note").orElseThrow().asText()).isEqualTo(NOTE);

        bKeys.destroy();
        DelegationService afterDestroy = DelegationService.builder().provider(provider).store(store).dataOwner(bKeys).build();
        assertThatThrownBy(() -> afterDestroy.decrypt(patient)).isInstanceOf(DecryptionFailedException.class);
    }

    // ---------------------------------------------------------------- which keys are a party's

    @Test
    void aPartysKeysAreThoseItsDocumentOrAnotherPartysPairKeysNameAsItsOwn() {
        EntityStore empty = new org.medcrypt.store.InMemoryEntityStore();
        assertThat(KeyOwnership.unrecognised(keys("A", "B", null), empty)).as("nothing to judge by").isEmpty();
        KeyOwnership.requireAtLeastOneRecognised(keys("A", "B", null), empty);

        EntityStore store = TestParties.newStore();
        DataOwnerKeys aWithB = DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"), TestParties.rsaPkcs8("B")));
        assertThat(KeyOwnership.unrecognised(aWithB, store)).extracting(DataOwnerKeys.OwnedKeyPair::spkiHex)
                .containsExactly(spki("B"));
        KeyOwnership.requireAtLeastOneRecognised(aWithB, store);
        assertThatThrownBy(() -> KeyOwnership.requireAtLeastOneRecognised(keys("A", "B", null), store))
                .isInstanceOf(KeyException.class).hasMessageContaining("'A'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(spki("B").substring(0, 40)));

        // the document's public key in upper case is the same key
        store.saveParty(HealthcareParty.of("A", spki("A").toUpperCase(Locale.ROOT)));
        assertThat(KeyOwnership.unrecognised(keys("A", "A", null), store)).isEmpty();

        // B shares with A under A's key (an iCure v1 pair key in B's aesExchangeKeys)...
        EntityStore shared = TestParties.newStore();
        DelegationService b = TestParties.as("B", provider, shared, builder -> builder.suite(Suite.V1_ICURE));
        b.shareWith(b.createPatient(patient("p")), "A");
        // ...then A's document names another key: B's pair key for A still names A's key as A's
        shared.saveParty(HealthcareParty.of("A", spki("C")));
        assertThat(KeyOwnership.unrecognised(keys("A", "A", null), shared)).isEmpty();
        assertThat(KeyOwnership.unrecognised(keys("A", "E", null), shared)).hasSize(1);
        assertThatThrownBy(() -> KeyOwnership.requireAtLeastOneRecognised(keys("A", "E", null), shared))
                .isInstanceOf(KeyException.class);
        // and A reads what B shared with it
        assertThat(DelegationService.builder().provider(provider).store(shared).dataOwner(keys("A", "A", null)).build()
                .decrypt(shared.patient("p").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo(NOTE);
    }

    @Test
    void afterARotationTheOldKeyIsStillTheParty_sAndThePinnedOldSigningKeyVouchesForTheNewOne() {
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        Patient before = a.shareWith(a.createPatient(patient("before")), "B");
        String oldSigningKey = keys("A", "A", "A").currentSigningKey().orElseThrow().publicKeyHex();

        // A's new keys (D's material, which no one else uses here)
        DataOwnerKeys next = keys("A", "D", "D");
        KeyRotation.of(provider, store).rotate(keys("A", "A", "A"), next);
        assertThat(store.party("A").orElseThrow().publicKey()).contains(spki("D"));
        // the old key is still known as A's (its copies stay in A's document)
        assertThat(KeyOwnership.unrecognised(keys("A", "A", null), store)).isEmpty();

        DataOwnerKeys rotated = DataOwnerKeys.fromPkcs8("A", provider,
                List.of(TestParties.rsaPkcs8("D"), TestParties.signingPkcs8("D"), TestParties.rsaPkcs8("A")));
        DelegationService newA = DelegationService.builder().provider(provider).store(store).dataOwner(rotated).build();
        // a new pair key A→C, signed by A's new signing key only
        newA.shareWith(newA.createPatient(patient("after")), "C");

        // C pinned A's old signing key: the rotation record the old key signed vouches for the new one
        DelegationService pinnedC = TestParties.as("C", provider, store, builder -> builder.pinSigningKey("A", oldSigningKey));
        assertThat(pinnedC.decrypt(store.patient("after").orElseThrow()).provenance()).contains(Provenance.PINNED);
        DelegationService pinnedB = TestParties.as("B", provider, store, builder -> builder.pinSigningKey("A", oldSigningKey));
        assertThat(pinnedB.decrypt(store.patient("before").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(before.id()).isEqualTo("before");
        // a pin on an unrelated key vouches for nothing of A's
        String unrelated = keys("E", "E", "E").currentSigningKey().orElseThrow().publicKeyHex();
        DelegationService wrongPin = TestParties.as("C", provider, store, builder -> builder.pinSigningKey("A", unrelated));
        assertThatThrownBy(() -> wrongPin.decrypt(store.patient("after").orElseThrow())).isInstanceOf(DecryptionFailedException.class);
        // without a pin, C takes the key A's document publishes: the new one
        assertThat(TestParties.as("C", provider, store).decrypt(store.patient("after").orElseThrow()).provenance())
                .contains(Provenance.PUBLISHED);

        // without the rotation record, the old pin does not reach the new key
        ObjectNode withoutRotations = store.party("A").orElseThrow().toJson();
        withoutRotations.remove(HealthcareParty.SIGNING_KEY_ROTATIONS);
        store.saveParty(HealthcareParty.fromJson(withoutRotations));
        DelegationService pinnedAgain = TestParties.as("C", provider, store, builder -> builder.pinSigningKey("A", oldSigningKey));
        assertThatThrownBy(() -> pinnedAgain.decrypt(store.patient("after").orElseThrow()))
                .isInstanceOf(DecryptionFailedException.class);
    }
}
