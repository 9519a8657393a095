package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.ConflictException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.agility.GrantResult;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.agility.KeyUpdateRequest;
import org.medcrypt.agility.PairKeyRef;
import org.medcrypt.agility.RotationResult;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.tck.Fixture;

/**
 * Key rotation ({@link KeyRotation}): after A rotates and the owners of its other pair keys grant
 * the key updates, A reads everything with its new key alone, every party reads exactly what it
 * read before, readers that pinned A's old signing key follow the rotation, a failure at any step
 * changes nothing, and a request the store forges gets nothing re-wrapped. On v1 and v2 pair keys,
 * signed ones, unsigned ones as iCure's SDK makes them, and pairs kept in {@code hcPartyKeys} only.
 */
class KeyRotationTest {

    private static final List<String> PARTIES = List.of("A", "B", "C", "D", "E");
    private static final HexFormat HEX = HexFormat.of();
    private static final KeyPair NEW_RSA;
    private static final KeyPair NEWER_RSA;
    private static final byte[] NEW_SIGNING;
    private static final byte[] NEWER_SIGNING;
    private static final byte[] FORGER_SIGNING;

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            NEW_RSA = rsa.generateKeyPair();
            NEWER_RSA = rsa.generateKeyPair();
            NEW_SIGNING = signingPkcs8();
            NEWER_SIGNING = signingPkcs8();
            FORGER_SIGNING = signingPkcs8();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] signingPkcs8() throws GeneralSecurityException {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    // ---------------------------------------------------------------- the dataset

    /**
     * <ul>
     *   <li>P1 (v1, A) with contact C1, shared by cascade with B: {AB} v1, signed; B shares P1 with C;
     *       B's contact CB of P1, shared with A: {BA} v1, signed;
     *   <li>P2 (v2, A) shared by cascade with D: {AD} v2; D's patient P3 (v2) shared with A: {DA} v2;
     *   <li>E's patient P5 (v1) shared with A, then E made to look like an iCure party: its signing
     *       key, signatures and {@code aesExchangeKeys} removed, so {EA} and {EE} are unsigned and
     *       kept in {@code hcPartyKeys} only.
     * </ul>
     */
    static EntityStore dataset(CryptoProvider provider) {
        EntityStore store = TestParties.newStore();
        DelegationService a1 = TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE));
        DelegationService a2 = TestParties.as("A", provider, store);
        DelegationService b1 = TestParties.as("B", provider, store, b -> b.suite(Suite.V1_ICURE));
        DelegationService d2 = TestParties.as("D", provider, store);
        DelegationService e1 = TestParties.as("E", provider, store, b -> b.suite(Suite.V1_ICURE));
        Patient p1 = a1.createPatient(json("{\"id\":\"P1\",\"note\":\"Allergic to penicillin\"}"));
        a1.createChild(EntityType.CONTACT, json("{\"id\":\"C1\",\"descr\":\"cough\"}"), p1);
        a1.shareWithCascade(store.patient("P1").orElseThrow(), "B");
        b1.shareWith(store.patient("P1").orElseThrow(), "C");
        EncryptableEntity<?> cb = b1.createChild(EntityType.CONTACT, json("{\"id\":\"CB\",\"descr\":\"B's contact\"}"),
                store.patient("P1").orElseThrow());
        share(b1, cb, "A");
        Patient p2 = a2.createPatient(json("{\"id\":\"P2\",\"note\":\"v2 note\"}"));
        a2.createChild(EntityType.CONTACT, json("{\"id\":\"C2\",\"descr\":\"v2 contact\"}"), p2);
        a2.shareWithCascade(store.patient("P2").orElseThrow(), "D");
        Patient p3 = d2.createPatient(json("{\"id\":\"P3\",\"note\":\"D's patient\"}"));
        share(d2, p3, "A");
        Patient p5 = e1.createPatient(json("{\"id\":\"P5\",\"note\":\"from an iCure client\"}"));
        share(e1, p5, "A");
        return TestParties.copyWith(store, dataset -> {
            for (var party : dataset.withArray("healthcareParties")) {
                if (party.path("id").asText().equals("E")) {
                    ObjectNode e = (ObjectNode) party;
                    e.remove(List.of(HealthcareParty.SIGNING_KEY, HealthcareParty.PUBLIC_KEY_SIGNATURE,
                            HealthcareParty.PAIR_KEYS));
                    e.putObject("aesExchangeKeys");
                }
            }
            return dataset;
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void share(DelegationService service, EncryptableEntity<?> entity, String delegate) {
        service.shareWith((EncryptableEntity) entity, delegate);
    }

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    private static DataOwnerKeys oldKeys(String party, CryptoProvider provider) {
        return party.equals("E")
                ? DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(party)))
                : DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(party), TestParties.signingPkcs8(party)));
    }

    private static DataOwnerKeys newKeys(CryptoProvider provider) {
        return DataOwnerKeys.fromPkcs8("A", provider, List.of(NEW_RSA.getPrivate().getEncoded(), NEW_SIGNING.clone()));
    }

    private static DelegationService reader(CryptoProvider provider, DataOwnerKeys keys, EntityStore store,
            Map<String, String> pins) {
        DelegationService.Builder builder = DelegationService.builder().provider(provider).store(store).dataOwner(keys);
        pins.forEach(builder::pinSigningKey);
        return builder.build();
    }

    private static Map<String, Map<String, String>> readableSets(CryptoProvider provider, EntityStore store,
            DataOwnerKeys keysOfA) {
        Map<String, Map<String, String>> sets = new TreeMap<>();
        for (String party : PARTIES) {
            DataOwnerKeys keys = party.equals("A") ? keysOfA : oldKeys(party, provider);
            sets.put(party, AgilityFixture.readableSet(reader(provider, keys, store, Map.of())));
        }
        return sets;
    }

    private static String snapshot(EntityStore store) {
        return TestParties.snapshot(store);
    }

    private static void grantAll(CryptoProvider provider, EntityStore store) {
        for (String granter : List.of("B", "D", "E")) {
            GrantResult result = KeyRotation.of(provider, store).grantKeyUpdates(oldKeys(granter, provider));
            assertThat(result.refused()).as("refused by %s", granter).isEmpty();
            assertThat(result.granted()).as("granted by %s", granter).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- the main property

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jca", "bouncycastle", "tink"})
    void afterRotationAndGrantsTheNewKeyAloneReadsEverythingAndNoReadableSetChanges(String providerId) {
        CryptoProvider provider = TestParties.provider(providerId);
        EntityStore store = dataset(provider);
        Map<String, Map<String, String>> before = readableSets(provider, store, oldKeys("A", provider));
        assertThat(before.get("A")).containsKeys("PATIENT/P1", "CONTACT/CB", "PATIENT/P2", "PATIENT/P3", "PATIENT/P5");

        RotationResult rotation = KeyRotation.of(provider, store).rotate(oldKeys("A", provider), newKeys(provider));

        // A's own pair keys: {AA} {AB} v1, {AA} {AD} v2 — each has a copy for the new key
        assertThat(rotation.rewrapped()).extracting(PairKeyRef::owner).containsOnly("A");
        assertThat(rotation.rewrapped()).extracting(ref -> ref.delegate() + " " + ref.suite())
                .contains("A v1", "B v1", "A v2", "D v2");
        assertThat(rotation.skipped()).isEmpty();
        assertThat(rotation.requests()).extracting(KeyUpdateRequest::granter).containsExactlyInAnyOrder("B", "D", "E");
        HealthcareParty a = store.party("A").orElseThrow();
        assertThat(a.publicKey()).contains(HEX.formatHex(NEW_RSA.getPublic().getEncoded()));
        assertThat(a.aesExchangeKeys()).containsKeys(HEX.formatHex(NEW_RSA.getPublic().getEncoded()),
                HEX.formatHex(TestParties.rsaSpki("A")));
        assertThat(a.signingKeyRotations()).hasSize(1);

        // before the grants: the old key is still needed for what B, D and E own, and it still reads all
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).extracting(PairKeyRef::owner)
                .containsOnly("B", "D", "E");
        DataOwnerKeys both = DataOwnerKeys.fromPkcs8("A", provider, List.of(NEW_RSA.getPrivate().getEncoded(),
                NEW_SIGNING.clone(), TestParties.rsaPkcs8("A"), TestParties.signingPkcs8("A")));
        assertThat(AgilityFixture.readableSet(reader(provider, both, store, Map.of()))).isEqualTo(before.get("A"));
        Map<String, String> newOnlyBeforeGrants = AgilityFixture.readableSet(reader(provider, newKeys(provider), store, Map.of()));
        assertThat(newOnlyBeforeGrants).containsKeys("PATIENT/P1", "PATIENT/P2").doesNotContainKeys("CONTACT/CB", "PATIENT/P3", "PATIENT/P5");

        grantAll(provider, store);

        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).isEmpty();
        assertThat(KeyRotation.requestsOf(store, "A")).extracting(KeyUpdateRequest::status).containsOnly(KeyUpdateRequest.COMPLETED);
        assertThat(readableSets(provider, store, newKeys(provider))).isEqualTo(before);
        // a fresh store from the written dataset (what a restarted reader sees), A with the new key alone
        EntityStore reread = Dataset.fromJson(Dataset.empty().with(store).toJson()).toStore();
        assertThat(readableSets(provider, reread, newKeys(provider))).isEqualTo(before);
        // the old key still reads everything too (nothing was removed)
        assertThat(readableSets(provider, reread, oldKeys("A", provider))).isEqualTo(before);

        // granting again: nothing pending, nothing written
        String written = snapshot(store);
        GrantResult again = KeyRotation.of(provider, store).grantKeyUpdates(oldKeys("B", provider));
        assertThat(again.granted()).isEmpty();
        assertThat(snapshot(store)).isEqualTo(written);
    }

    @Test
    void newPairKeysAfterTheRotationAreSignedAndWrappedWithTheNewKeys() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        KeyRotation.of(provider, store).rotate(oldKeys("A", provider), newKeys(provider));
        DelegationService a = reader(provider, newKeys(provider), store, Map.of());
        a.shareWithCascade(store.patient("P1").orElseThrow(), "C");   // {AC} v1, new
        Patient p6 = a.createPatient(json("{\"id\":\"P6\",\"note\":\"after the rotation\"}"));
        a.shareWith(p6, "B");                                          // {AB} v2, new
        DelegationService c = reader(provider, oldKeys("C", provider), store, Map.of());
        DelegationService b = reader(provider, oldKeys("B", provider), store, Map.of());
        assertThat(c.decrypt(store.patient("P1").orElseThrow()).provenance()).contains(Provenance.PUBLISHED);
        assertThat(b.decrypt(store.patient("P6").orElseThrow()).decryptedFields().get("note").asText())
                .isEqualTo("after the rotation");
    }

    // ---------------------------------------------------------------- pinned readers

    @Test
    void aReaderThatPinnedTheOldSigningKeyFollowsTheRotationAndNothingElse() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        String oldSigning = store.party("A").orElseThrow().signingKey().orElseThrow();
        Map<String, String> pin = Map.of("A", oldSigning);
        Map<String, String> bBefore = AgilityFixture.readableSet(reader(provider, oldKeys("B", provider), store, pin));

        KeyRotation.of(provider, store).rotate(oldKeys("A", provider), newKeys(provider));
        grantAll(provider, store);
        DelegationService a = reader(provider, newKeys(provider), store, Map.of());
        Patient p7 = a.createPatient(json("{\"id\":\"P7\",\"note\":\"signed with the new key\"}"));
        a.shareWith(p7, "B"); // a new v2 pair key {AB}, signed with the new signing key only

        DelegationService pinnedB = reader(provider, oldKeys("B", provider), store, pin);
        Map<String, String> bAfter = AgilityFixture.readableSet(pinnedB);
        assertThat(bAfter).containsAllEntriesOf(bBefore).containsKey("PATIENT/P7");
        assertThat(pinnedB.decrypt(store.patient("P7").orElseThrow()).provenance()).contains(Provenance.PINNED);

        // B, pinned, may also share with A after the rotation: A's new RSA key is signed by an endorsed key
        DelegationService pinnedSharer = reader(provider, oldKeys("B", provider), store, pin);
        Patient p8 = pinnedSharer.createPatient(json("{\"id\":\"P8\",\"note\":\"B to A\"}"));
        pinnedSharer.shareWith(p8, "A");
        assertThat(AgilityFixture.readableSet(a)).containsKey("PATIENT/P8");

        // a store that publishes its own signing key for A, with a rotation step A's old key did not sign
        EntityStore forged = TestParties.copyWith(store, dataset -> {
            for (var party : dataset.withArray("healthcareParties")) {
                if (party.path("id").asText().equals("A")) {
                    ArrayNode rotations = (ArrayNode) party.get(HealthcareParty.SIGNING_KEY_ROTATIONS);
                    ObjectNode step = (ObjectNode) rotations.get(0);
                    step.put("next", forgerPublicKey(provider));
                }
            }
            return dataset;
        });
        Map<String, String> fooled = AgilityFixture.readableSet(reader(provider, oldKeys("B", provider), forged, pin));
        // what only the new signing key vouches for is refused; the store can withhold (as it always can), not forge
        java.util.Set<String> expected = new TreeSet<>(bBefore.keySet());
        expected.add("PATIENT/P8");
        assertThat(fooled.keySet()).doesNotContain("PATIENT/P7").isSubsetOf(expected);
    }

    private static String forgerPublicKey(CryptoProvider provider) {
        return DataOwnerKeys.fromPkcs8("X", provider, List.of(TestParties.rsaPkcs8("E"), FORGER_SIGNING.clone()))
                .currentSigningKey().orElseThrow().publicKeyHex();
    }

    @Test
    void twoRotationsInARowAreFollowedFromTheFirstPin() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        Map<String, String> pin = Map.of("A", store.party("A").orElseThrow().signingKey().orElseThrow());
        KeyRotation.of(provider, store).rotate(oldKeys("A", provider), newKeys(provider));
        DataOwnerKeys newer = DataOwnerKeys.fromPkcs8("A", provider, List.of(NEWER_RSA.getPrivate().getEncoded(), NEWER_SIGNING.clone()));
        DataOwnerKeys newAndOld = DataOwnerKeys.fromPkcs8("A", provider, List.of(NEW_RSA.getPrivate().getEncoded(),
                NEW_SIGNING.clone(), TestParties.rsaPkcs8("A"), TestParties.signingPkcs8("A")));
        KeyRotation.of(provider, store).rotate(newAndOld, newer); // the old key still opens what B, D and E own
        // the first rotation's requests were superseded: only the second's are pending
        assertThat(KeyRotation.requestsOf(store, "A")).extracting(KeyUpdateRequest::status)
                .containsExactly("cancelled", "cancelled", "cancelled", "pending", "pending", "pending");
        assertThat(KeyRotation.pendingRequestsFor(store, "B")).hasSize(1);
        grantAll(provider, store);
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).isEmpty();
        DelegationService a = reader(provider, newer, store, Map.of());
        assertThat(AgilityFixture.readableSet(a)).containsKeys("PATIENT/P1", "CONTACT/CB", "PATIENT/P2", "PATIENT/P3", "PATIENT/P5");
        Patient p9 = a.createPatient(json("{\"id\":\"P9\",\"note\":\"third key\"}"));
        a.shareWith(p9, "D");
        DelegationService pinnedD = reader(provider, oldKeys("D", provider), store, pin);
        assertThat(pinnedD.decrypt(store.patient("P9").orElseThrow()).provenance()).contains(Provenance.PINNED);
    }

    // ---------------------------------------------------------------- iCure's own data

    @Test
    void rotatingAPartyOfTheIcureFixtureKeepsWhatEveryPartyReads() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = Fixture.dataset().toStore();
        Map<String, ObjectNode> before = new TreeMap<>();
        for (String party : List.of("A", "B", "C", "D")) {
            before.put(party, Fixture.whatCanBeRead(fixtureReader(party, provider, store, Fixture.privateKeys(party))));
        }
        // B (no signing key: iCure made its key) rotates; A, which owns {AB}, grants
        DataOwnerKeys newB = DataOwnerKeys.fromPkcs8("B", provider, List.of(NEW_RSA.getPrivate().getEncoded(), NEW_SIGNING.clone()));
        RotationResult rotation = KeyRotation.of(provider, store)
                .rotate(DataOwnerKeys.fromPkcs8("B", provider, Fixture.privateKeys("B")), newB);
        assertThat(rotation.requests()).extracting(KeyUpdateRequest::granter).containsExactly("A");
        GrantResult grant = KeyRotation.of(provider, store)
                .grantKeyUpdates(DataOwnerKeys.fromPkcs8("A", provider, Fixture.privateKeys("A")));
        assertThat(grant.granted()).hasSize(1);
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "B")).isEmpty();
        // A rotates too: it owns {AA}, {AB} and {AC}, all unsigned (iCure's SDK made them)
        DataOwnerKeys newA = DataOwnerKeys.fromPkcs8("A", provider, List.of(NEWER_RSA.getPrivate().getEncoded(), NEWER_SIGNING.clone()));
        RotationResult a = KeyRotation.of(provider, store).rotate(DataOwnerKeys.fromPkcs8("A", provider, Fixture.privateKeys("A")), newA);
        assertThat(a.rewrapped()).extracting(PairKeyRef::delegate).contains("A", "B", "C");
        assertThat(a.skipped()).isEmpty();
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).isEmpty();

        EntityStore reread = Dataset.fromJson(Dataset.empty().with(store).toJson()).toStore();
        assertThat(Fixture.whatCanBeRead(fixtureReader("B", provider, reread, List.of(NEW_RSA.getPrivate().getEncoded()))))
                .isEqualTo(before.get("B"));
        assertThat(Fixture.whatCanBeRead(fixtureReader("A", provider, reread, List.of(NEWER_RSA.getPrivate().getEncoded()))))
                .isEqualTo(before.get("A"));
        for (String party : List.of("C", "D")) {
            assertThat(Fixture.whatCanBeRead(fixtureReader(party, provider, reread, Fixture.privateKeys(party))))
                    .as(party).isEqualTo(before.get(party));
        }
    }

    @Test
    void aV1PairKeyMedcryptDisplacedIsReWrappedTooAndStillReads() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = Fixture.dataset().toStore();
        List<byte[]> aKeys = new ArrayList<>(Fixture.privateKeys("A"));
        aKeys.add(TestParties.signingPkcs8("A")); // A's RSA key came from iCure's SDK; medcrypt adds a signing key
        DelegationService a = DelegationService.builder().provider(provider).store(store).suite(Suite.V1_ICURE)
                .dataOwner(DataOwnerKeys.fromPkcs8("A", provider, aKeys)).build();
        Patient later = a.createPatient(json("{\"id\":\"LATER\",\"note\":\"under a signed key\"}"));
        a.shareWith(later, "B"); // {AB} in iCure's slot is unsigned: a signed one takes its place, the old one is displaced
        assertThat(store.party("A").orElseThrow().pairKeyEntries("B")).anyMatch(entry -> entry.isDisplaced());
        ObjectNode aBefore = Fixture.whatCanBeRead(fixtureReader("A", provider, store, aKeys));
        ObjectNode bBefore = Fixture.whatCanBeRead(fixtureReader("B", provider, store, Fixture.privateKeys("B")));
        assertThat(aBefore.get("patients").has("LATER")).isTrue();

        DataOwnerKeys newA = DataOwnerKeys.fromPkcs8("A", provider, List.of(NEW_RSA.getPrivate().getEncoded(), NEW_SIGNING.clone()));
        RotationResult rotation = KeyRotation.of(provider, store).rotate(DataOwnerKeys.fromPkcs8("A", provider, aKeys), newA);
        assertThat(rotation.rewrapped()).extracting(PairKeyRef::location).anyMatch(location -> location.startsWith("displaced id="));
        assertThat(rotation.skipped()).isEmpty();
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).isEmpty();
        assertThat(Fixture.whatCanBeRead(fixtureReader("A", provider, store, List.of(NEW_RSA.getPrivate().getEncoded()))))
                .isEqualTo(aBefore);
        assertThat(Fixture.whatCanBeRead(fixtureReader("B", provider, store, Fixture.privateKeys("B")))).isEqualTo(bBefore);
    }

    private static DelegationService fixtureReader(String party, CryptoProvider provider, EntityStore store, List<byte[]> keys) {
        return DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, keys)).build();
    }

    // ---------------------------------------------------------------- failures change nothing

    @Test
    void aStoreFailureAtAnyStepOfTheRotationOrOfAGrantChangesNothing() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        int failures = 0;
        for (int k = 1; ; k++) {
            String before = snapshot(store);
            AgilityFixture.FailingStore failing = new AgilityFixture.FailingStore(store, k);
            try {
                KeyRotation.of(provider, failing).rotate(oldKeys("A", provider), newKeys(provider));
                assertThat(failing.calls.get()).isLessThan(k);
                break;
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("injected");
                assertThat(snapshot(store)).as("after a failure at call %d", k).isEqualTo(before);
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(3);
        failures = 0;
        for (int k = 1; ; k++) {
            String before = snapshot(store);
            AgilityFixture.FailingStore failing = new AgilityFixture.FailingStore(store, k);
            try {
                KeyRotation.of(provider, failing).grantKeyUpdates(oldKeys("B", provider));
                break;
            } catch (IllegalStateException e) {
                assertThat(snapshot(store)).as("after a failure at call %d", k).isEqualTo(before);
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(2);
        assertThat(KeyRotation.pendingRequestsFor(store, "B")).isEmpty();
    }

    @Test
    void aConcurrentChangeIsAConflictAndWritesNothing() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        String before = snapshot(store);
        EntityStore refusing = new AgilityFixture.FailingStore(store, Integer.MAX_VALUE) {
            @Override
            public org.medcrypt.store.UpdateResult apply(StoreUpdate update) {
                return AgilityFixture.refused(update); // another writer got there first
            }
        };
        assertThatThrownBy(() -> KeyRotation.of(provider, refusing).rotate(oldKeys("A", provider), newKeys(provider)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("nothing was written");
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedWithoutWriting() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        String before = snapshot(store);
        KeyRotation rotation = KeyRotation.of(provider, store);
        // someone else's key
        assertThatThrownBy(() -> rotation.rotate(DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("B"),
                TestParties.signingPkcs8("A"))), newKeys(provider))).isInstanceOf(KeyException.class);
        // no signing key to endorse the new one with, while A publishes one
        assertThatThrownBy(() -> rotation.rotate(DataOwnerKeys.fromPkcs8("A", provider, List.of(TestParties.rsaPkcs8("A"))),
                newKeys(provider))).isInstanceOf(KeyException.class).hasMessageContaining("endorse");
        // the "new" keys are the old ones
        assertThatThrownBy(() -> rotation.rotate(oldKeys("A", provider), oldKeys("A", provider)))
                .isInstanceOf(KeyException.class).hasMessageContaining("already a key");
        // new keys without a signing key
        assertThatThrownBy(() -> rotation.rotate(oldKeys("A", provider),
                DataOwnerKeys.fromPkcs8("A", provider, List.of(NEW_RSA.getPrivate().getEncoded()))))
                .isInstanceOf(KeyException.class).hasMessageContaining("signing key");
        // keys for another party
        assertThatThrownBy(() -> rotation.rotate(oldKeys("A", provider), DataOwnerKeys.fromPkcs8("B", provider,
                List.of(NEW_RSA.getPrivate().getEncoded(), NEW_SIGNING.clone())))).isInstanceOf(KeyException.class);
        assertThatThrownBy(() -> rotation.rotate(DataOwnerKeys.fromPkcs8("Z", provider, List.of(TestParties.rsaPkcs8("A"))),
                DataOwnerKeys.fromPkcs8("Z", provider, List.of(NEW_RSA.getPrivate().getEncoded(), NEW_SIGNING.clone()))))
                .isInstanceOf(NotFoundException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @Test
    void aPairKeyEntryThePartyDidNotSignIsNotVouchedForAgain() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore planted = TestParties.copyWith(dataset(provider), dataset -> {
            for (var party : dataset.withArray("healthcareParties")) {
                if (party.path("id").asText().equals("A")) {
                    ArrayNode withD = (ArrayNode) party.get(HealthcareParty.PAIR_KEYS).get("D");
                    ObjectNode copy = ((ObjectNode) withD.get(0)).deepCopy();
                    copy.put("id", "UExBTlRFRFBMQU5URURQTA"); // same copies, another id: its signature no longer holds
                    withD.add(copy);
                }
            }
            return dataset;
        });
        RotationResult rotation = KeyRotation.of(provider, planted).rotate(oldKeys("A", provider), newKeys(provider));
        assertThat(rotation.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.pairKey().location()).isEqualTo("medcryptPairKeys id=UExBTlRFRFBMQU5URURQTA");
            assertThat(skipped.reason()).contains("not signed");
        });
        String newFingerprint = rotation.newKey().value();
        assertThat(planted.party("A").orElseThrow().pairKeyEntries("D"))
                .noneMatch(entry -> entry.id().equals("UExBTlRFRFBMQU5URURQTA") && entry.ownerKey().equals(newFingerprint))
                .anyMatch(entry -> entry.ownerKey().equals(newFingerprint));
    }

    // ---------------------------------------------------------------- requests the store forges

    @Test
    void aRequestTheStoreForgesGetsNothingReWrapped() {
        CryptoProvider provider = TestParties.provider("jca");
        EntityStore store = dataset(provider);
        KeyRotation.of(provider, store).rotate(oldKeys("A", provider), newKeys(provider));
        // the store puts its own RSA key in A's document and rewrites B's request to name it: the
        // proofs were made for A's real new key, so they match nothing
        String storeKey = HEX.formatHex(TestParties.rsaSpki("E"));
        EntityStore forged = TestParties.copyWith(store, dataset -> {
            for (var party : dataset.withArray("healthcareParties")) {
                if (party.path("id").asText().equals("A")) {
                    ((ObjectNode) party).put("publicKey", storeKey);
                    ((ObjectNode) party).remove(List.of(HealthcareParty.SIGNING_KEY, HealthcareParty.PUBLIC_KEY_SIGNATURE));
                    for (var request : party.withArray("medcryptKeyUpdateRequests")) {
                        ((ObjectNode) request.get("properties").get(1).get("typedValue")).put("stringValue", storeKey);
                    }
                }
            }
            return dataset;
        });
        String before = snapshot(forged);
        GrantResult result = KeyRotation.of(provider, forged).grantKeyUpdates(oldKeys("B", provider));
        assertThat(result.granted()).isEmpty();
        assertThat(result.refused()).singleElement().satisfies(refused ->
                assertThat(refused.reason()).contains("proofs"));
        assertThat(snapshot(forged)).isEqualTo(before);

        // the same with A's signing key kept: the store's RSA key is not signed by it
        EntityStore swapped = TestParties.copyWith(store, dataset -> {
            for (var party : dataset.withArray("healthcareParties")) {
                if (party.path("id").asText().equals("A")) {
                    ((ObjectNode) party).put("publicKey", storeKey);
                    for (var request : party.withArray("medcryptKeyUpdateRequests")) {
                        ((ObjectNode) request.get("properties").get(1).get("typedValue")).put("stringValue", storeKey);
                    }
                }
            }
            return dataset;
        });
        GrantResult refused = KeyRotation.of(provider, swapped).grantKeyUpdates(oldKeys("D", provider));
        assertThat(refused.granted()).isEmpty();
        assertThat(refused.refused()).singleElement().satisfies(r -> assertThat(r.reason()).contains("not signed"));
    }
}
