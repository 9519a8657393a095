package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.ConflictException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.KeyException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.EncryptedFieldsConfig;
import org.medcrypt.sharing.Provenance;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed the other scheme tests left unchecked in
 * the sharing package: the service's own answers (who it acts for, the decrypted view, navigation,
 * cascade results), the retry loop against a store that keeps changing, the reader's fallback to
 * the entries it wrote for others, and the errors for bad input. Real keys and ciphertexts, on the
 * JDK provider (the provider-specific behaviour is in the conformance kit).
 */
class SharingMutationGapsTest {

    private static final String NOTE = "Allergic to penicillin";
    private static final String DESCR = "Consultation: seasonal cough";

    private final CryptoProvider provider = TestParties.provider("jca");

    private static ObjectNode json(String id, String field, String value) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        if (field != null) {
            node.put(field, value);
        }
        return node;
    }

    private DelegationService as(String party, EntityStore store) {
        return TestParties.as(party, provider, store);
    }

    private DelegationService as(String party, EntityStore store, Suite suite) {
        return TestParties.as(party, provider, store, builder -> builder.suite(suite));
    }

    // ---------------------------------------------------------------- the service and its builder

    @Test
    void theServiceSaysWhoItActsForAndWhatItRunsOn() {
        EntityStore store = TestParties.newStore();
        PairKeyCache cache = PairKeyCache.withCapacity(7);
        DelegationService a = TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache));

        assertThat(a.dataOwnerId()).isEqualTo("A");
        assertThat(a.provider()).isSameAs(provider);
        assertThat(a.store()).isSameAs(store);
        assertThat(a.suite()).isEqualTo(Suite.V1_ICURE);
        assertThat(a.pairKeyCache()).isSameAs(cache);
        assertThat(as("A", store).suite()).as("the default suite").isEqualTo(Suite.V2_GCM_OAEP256);
        // the chosen suite is the one new entities are written in
        assertThat(as("A", store, Suite.V1_ICURE).createPatient(json("p", "note", NOTE)).encryptedSelf().orElseThrow())
                .doesNotStartWith(as("A", store).createPatient(json("q", "note", NOTE)).encryptedSelf().orElseThrow().substring(0, 2));
    }

    @Test
    void anIncompleteBuilderSaysWhatIsMissing() {
        EntityStore store = TestParties.newStore();
        DataOwnerKeys keys = DataOwnerKeys.fromPkcs8("A", provider, TestParties.rsaPkcs8("A"));
        assertThatThrownBy(() -> DelegationService.builder().store(store).dataOwner(keys).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("provider(");
        assertThatThrownBy(() -> DelegationService.builder().provider(provider).dataOwner(keys).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store(");
        assertThatThrownBy(() -> DelegationService.builder().provider(provider).store(store).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataOwner(");
    }

    @Test
    void aServiceIsNotBuiltWithAnotherPartysKey() {
        EntityStore store = TestParties.newStore();
        DataOwnerKeys bsKeyForA = DataOwnerKeys.fromPkcs8("A", provider, TestParties.rsaPkcs8("B"));
        assertThatThrownBy(() -> DelegationService.builder().provider(provider).store(store).dataOwner(bsKeyForA).build())
                .isInstanceOf(KeyException.class).hasMessageContaining("'A'");
    }

    @Test
    void aPinnedSigningKeyMustBe64HexDigitsAndIsTakenInAnyCase() {
        EntityStore store = TestParties.newStore();
        DelegationService.Builder builder = DelegationService.builder();
        assertThatThrownBy(() -> builder.pinSigningKey("A", "ab".repeat(31))).isInstanceOf(KeyException.class);
        assertThatThrownBy(() -> builder.pinSigningKey("A", "zz".repeat(32))).isInstanceOf(KeyException.class);
        assertThatThrownBy(() -> builder.pinSigningKey("A", "ab".repeat(33))).isInstanceOf(KeyException.class);

        DelegationService a = as("A", store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note", NOTE)), "B");
        String aKey = signingKeyHex("A").toUpperCase(java.util.Locale.ROOT);
        DelegationService pinning = TestParties.as("B", provider, store, b -> b.pinSigningKey("A", aKey));
        DecryptedEntity<Patient> read = pinning.decrypt(patient);
        assertThat(read.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(read.provenance()).contains(Provenance.PINNED);
        assertThat(as("B", store).decrypt(patient).provenance()).contains(Provenance.PUBLISHED);
    }

    @Test
    void publishingKeysWritesTheSigningKeyAndItsSignatureOnce() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        assertThat(store.party("A").orElseThrow().signingKey()).isEmpty();

        assertThat(a.publishKeys()).isTrue();
        HealthcareParty published = store.party("A").orElseThrow();
        assertThat(published.signingKey()).contains(signingKeyHex("A"));
        assertThat(published.publicKeySignature()).isPresent();

        assertThat(a.publishKeys()).as("nothing left to publish").isFalse();
        assertThat(store.party("A").orElseThrow()).isEqualTo(published);

        DelegationService withoutSigningKey = TestParties.asWithoutSigningKey("B", provider, store, b -> b);
        assertThatThrownBy(withoutSigningKey::publishKeys).isInstanceOf(KeyException.class);
    }

    @Test
    void aDelegateChecksThePublishedSignatureOfTheKeyItWrapsFor() {
        EntityStore store = TestParties.newStore();
        as("B", store).publishKeys();
        // the store swaps B's signature for the one B made of nothing else: C's signature of C's key
        as("C", store).publishKeys();
        HealthcareParty b = store.party("B").orElseThrow();
        store.saveParty(b.withPublicKeySignature(store.party("C").orElseThrow().publicKeySignature().orElseThrow()));
        DelegationService a = as("A", store);
        Patient patient = a.createPatient(json("p", "note", NOTE));
        assertThatThrownBy(() -> a.shareWith(patient, "B")).isInstanceOf(KeyException.class)
                .hasMessageContaining("not signed by the signing key its document publishes");
        assertThat(store.patient("p").orElseThrow().delegations()).containsOnlyKeys("A");

        // with B's signature restored, the share goes through
        store.saveParty(b);
        Patient shared = a.shareWith(store.patient("p").orElseThrow(), "B");
        assertThat(as("B", store).decrypt(shared).field("note").orElseThrow().asText()).isEqualTo(NOTE);
    }

    @Test
    void onlyPinnedPartiesReceiveDataWhenPinsAreRequired() {
        EntityStore store = TestParties.newStore();
        as("B", store).publishKeys();
        DelegationService strict = TestParties.as("A", provider, store, builder -> builder.requirePinnedSigningKeys(true));
        Patient patient = strict.createPatient(json("p", "note", NOTE));
        assertThatThrownBy(() -> strict.shareWith(patient, "B")).isInstanceOf(KeyException.class)
                .hasMessageContaining("no signing key is pinned for healthcare party 'B'");

        DelegationService pinned = TestParties.as("A", provider, store,
                builder -> builder.requirePinnedSigningKeys(true).pinSigningKey("B", signingKeyHex("B")));
        Patient shared = pinned.shareWith(store.patient("p").orElseThrow(), "B");
        assertThat(as("B", store).decrypt(shared).field("note").orElseThrow().asText()).isEqualTo(NOTE);

        // a pin that is not B's key: B's public key signature does not verify, nothing is shared with C
        as("C", store).publishKeys();
        DelegationService wrongPin = TestParties.as("A", provider, store, builder -> builder.pinSigningKey("C", signingKeyHex("D")));
        assertThatThrownBy(() -> wrongPin.shareWith(store.patient("p").orElseThrow(), "C")).isInstanceOf(KeyException.class)
                .hasMessageContaining("the signing key pinned for it");
    }

    @Test
    void aReaderThatRequiresPinsReadsOnlyItsOwnAndPinnedPartiesKeys() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note", NOTE)), "B");

        DelegationService strictB = TestParties.as("B", provider, store, builder -> builder.requirePinnedSigningKeys(true));
        assertThatThrownBy(() -> strictB.decrypt(patient)).isInstanceOf(DecryptionFailedException.class);
        assertThat(strictB.canRead(patient)).isFalse();

        DelegationService pinnedB = TestParties.as("B", provider, store,
                builder -> builder.requirePinnedSigningKeys(true).pinSigningKey("A", signingKeyHex("A")));
        assertThat(pinnedB.decrypt(patient).provenance()).contains(Provenance.PINNED);
        // B's own data is read under B's own keys
        Patient own = strictB.createPatient(json("own", "note", NOTE));
        assertThat(strictB.decrypt(own).provenance()).contains(Provenance.OWN);
    }

    // ---------------------------------------------------------------- the decrypted view

    @ParameterizedTest
    @EnumSource(Suite.class)
    void theDecryptedViewShowsTheDecryptedFieldsAndWhereTheKeyCameFrom(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store, suite);
        ObjectNode document = json("p", "note", NOTE);
        document.put("firstName", "Ada");
        Patient patient = a.shareWith(a.createPatient(document), "B");

        DecryptedEntity<Patient> own = a.decrypt(patient);
        assertThat(own.id()).isEqualTo("p");
        assertThat(own.encrypted()).isEqualTo(store.patient("p").orElseThrow());
        assertThat(own.encrypted().field("note")).as("the stored entity stays encrypted").isEmpty();
        assertThat(own.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(own.field("firstName").orElseThrow().asText()).as("a clear field").isEqualTo("Ada");
        assertThat(own.field("absent")).isEmpty();
        assertThat(own.decryptedFieldNames()).containsExactly("note");
        assertThat(own.decryptedFields().get("note").asText()).isEqualTo(NOTE);
        assertThat(own.suite()).contains(suite);
        assertThat(own.contentKeyOwner()).contains("A");
        assertThat(own.provenance()).contains(Provenance.OWN);
        assertThat(own.readUnderUnsignedPairKey()).isFalse();

        ObjectNode merged = own.toJson();
        assertThat(merged.get("note").asText()).isEqualTo(NOTE);
        assertThat(merged.get("firstName").asText()).isEqualTo("Ada");
        assertThat(merged.get("id").asText()).isEqualTo("p");
        // copies: changing them changes nothing in the view
        own.decryptedFields().put("note", "changed");
        merged.put("note", "changed");
        assertThat(own.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(own.toJson().get("note").asText()).isEqualTo(NOTE);

        assertThat(own.toString()).contains("note").contains("<redacted>").doesNotContain(NOTE);

        DecryptedEntity<Patient> bs = as("B", store, suite).decrypt(patient);
        assertThat(bs.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(bs.contentKeyOwner()).contains("A");
        assertThat(bs.provenance()).contains(Provenance.PUBLISHED);
    }

    @Test
    void anEntityWithNothingToEncryptHasNoEncryptedSelfAndAnEmptyView() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient patient = a.createPatient(json("p", "firstName", "Ada"));
        assertThat(patient.encryptedSelf()).isEmpty();

        DecryptedEntity<Patient> view = a.decrypt(patient);
        assertThat(view.decryptedFieldNames()).isEmpty();
        assertThat(view.suite()).isEmpty();
        assertThat(view.contentKeyOwner()).isEmpty();
        assertThat(view.provenance()).isEmpty();
        assertThat(view.readUnderUnsignedPairKey()).isFalse();
        assertThat(view.field("firstName").orElseThrow().asText()).isEqualTo("Ada");

        // a clear "note" the store adds is never shown: note is an encrypted field of patients
        ObjectNode withClearNote = patient.toJson();
        withClearNote.put("note", "written by the store");
        Patient forged = Patient.fromJson(withClearNote);
        DecryptedEntity<Patient> forgedView = a.decrypt(forged);
        assertThat(forgedView.field("note")).isEmpty();
        assertThat(forgedView.toJson().has("note")).isFalse();
        assertThat(forgedView.field("firstName").orElseThrow().asText()).isEqualTo("Ada");
    }

    @Test
    void theConfiguredFieldsAreTheOnesEncrypted() {
        EncryptedFieldsConfig config = EncryptedFieldsConfig.defaults().with(EntityType.CONTACT, Set.of("descr", "secret"));
        assertThat(config.fieldsOf(EntityType.CONTACT)).containsExactlyInAnyOrder("descr", "secret");
        assertThat(EncryptedFieldsConfig.defaults().fieldsOf(EntityType.CONTACT)).containsExactly("descr");
        assertThat(config.fieldsOf(EntityType.HEALTH_ELEMENT)).containsExactlyInAnyOrder("descr", "note");
        assertThat(config.toString()).contains("secret");
        for (String managed : List.of("id", "rev", "delegations", "encryptionKeys", "cryptedForeignKeys",
                "secretForeignKeys", "encryptedSelf")) {
            assertThatThrownBy(() -> EncryptedFieldsConfig.defaults().with(EntityType.PATIENT, Set.of(managed)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(managed);
        }

        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, builder -> builder.encryptedFields(config));
        Patient patient = a.createPatient(json("p", "note", NOTE));
        ObjectNode contact = json("c", "descr", DESCR);
        contact.put("secret", "hidden");
        contact.put("clear", "shown");
        EncryptableEntity<?> created = a.createChild(EntityType.CONTACT, contact, patient);
        assertThat(created.field("secret")).isEmpty();
        assertThat(created.field("descr")).isEmpty();
        assertThat(created.field("clear").orElseThrow().asText()).isEqualTo("shown");
        @SuppressWarnings({"unchecked", "rawtypes"})
        DecryptedEntity<?> view = a.decrypt((EncryptableEntity) created);
        assertThat(view.decryptedFieldNames()).containsExactlyInAnyOrder("descr", "secret");
        assertThat(view.field("secret").orElseThrow().asText()).isEqualTo("hidden");
    }

    // ---------------------------------------------------------------- creating and navigating

    @ParameterizedTest
    @EnumSource(Suite.class)
    void childrenAreFoundFromTheirPatientAndThePatientFromItsChildren(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store, suite);
        Patient patient = a.createPatient(json("p", "note", NOTE));
        Patient other = a.createPatient(json("q", "note", NOTE));
        EncryptableEntity<?> c1 = a.createChild(EntityType.CONTACT, json("c1", "descr", DESCR), patient);
        EncryptableEntity<?> c2 = a.createChild(EntityType.CONTACT, json("c2", "descr", DESCR), patient);
        EncryptableEntity<?> form = a.createChild(EntityType.FORM, json("f1", "descr", DESCR), patient);
        a.createChild(EntityType.CONTACT, json("c3", "descr", DESCR), other);

        assertThat(a.contactsOf(patient)).extracting(EncryptableEntity::id).containsExactlyInAnyOrder("c1", "c2");
        assertThat(a.childrenOf(patient, EntityType.FORM)).extracting(EncryptableEntity::id).containsExactly("f1");
        assertThat(a.childrenOf(patient, EntityType.HEALTH_ELEMENT)).isEmpty();
        assertThat(a.contactsOf(other)).extracting(EncryptableEntity::id).containsExactly("c3");
        assertThat(a.patientOf(c1)).contains(store.patient("p").orElseThrow());
        assertThat(a.patientOf(form).orElseThrow().id()).isEqualTo("p");
        assertThat(a.parentIds(c2)).containsExactly("p");
        assertThat(a.secretForeignKeys(patient)).containsExactlyElementsOf(c1.secretForeignKeys());
        assertThat(a.contentKeys(patient)).hasSize(1).doesNotContainAnyElementsOf(a.secretForeignKeys(patient));
        a.requireReadable(c1);

        // a child carrying p's secret id but whose parent id is q is not p's
        EncryptableEntity<?> moved = store.entity(EntityType.CONTACT, "c3").orElseThrow()
                .withSecretForeignKeys(List.of(c1.secretForeignKeys().get(0)));
        store.save(moved);
        assertThat(a.contactsOf(patient)).extracting(EncryptableEntity::id).containsExactlyInAnyOrder("c1", "c2");

        // a child whose patient is gone has none
        EntityStore withoutPatient = TestParties.copyWith(store, root -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("patients")).removeAll();
            return root;
        });
        assertThat(as("A", withoutPatient, suite).patientOf(c1)).isEmpty();
    }

    @Test
    void childrenAreCreatedOnlyOfTypesThatHaveAPatientAndOnlyOnce() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient patient = a.createPatient(json("p", "note", NOTE));
        assertThatThrownBy(() -> a.createChild(EntityType.PATIENT, json("x", null, null), patient))
                .isInstanceOf(IllegalArgumentException.class);
        a.createChild(EntityType.CONTACT, json("c", "descr", DESCR), patient);
        assertThatThrownBy(() -> a.createChild(EntityType.CONTACT, json("c", "descr", "again"), patient))
                .isInstanceOf(MedcryptException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> a.createPatient(json("p", "note", "again")))
                .isInstanceOf(MedcryptException.class).hasMessageContaining("already exists");
        // B, who cannot read the patient, cannot create its children
        assertThatThrownBy(() -> as("B", store).createChild(EntityType.CONTACT, json("d", "descr", DESCR), patient))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(store.entity(EntityType.CONTACT, "d")).isEmpty();
    }

    @Test
    void theFieldsMedcryptWritesAreNotTakenFromTheClearDocument() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        ObjectNode document = json("p", "note", NOTE);
        document.putObject("delegations").putArray("E").addObject().put("owner", "E").put("delegatedTo", "E").put("key", "00");
        document.putArray("secretForeignKeys").add("planted");
        document.put("encryptedSelf", "planted");
        document.put("medcryptEncryptedSelf", "planted");
        Patient patient = a.createPatient(document);
        assertThat(patient.delegations()).containsOnlyKeys("A");
        assertThat(patient.secretForeignKeys()).isEmpty();
        assertThat(patient.field("medcryptEncryptedSelf")).isEmpty();
        assertThat(a.decrypt(patient).field("note").orElseThrow().asText()).isEqualTo(NOTE);
    }

    // ---------------------------------------------------------------- reading

    @Test
    void aPartyReadsWhatItSharedEvenWhenTheStoreDropsItsOwnEntries() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note", NOTE)), "B");
        Patient withoutAsOwn = patient;
        for (DelegationKind kind : List.of(DelegationKind.DELEGATIONS, DelegationKind.ENCRYPTION_KEYS)) {
            withoutAsOwn = withoutAsOwn.withDelegationMap(kind, Map.of("B", patient.delegationMap(kind).get("B")));
        }
        store.save(withoutAsOwn);
        Patient stored = store.patient("p").orElseThrow();

        assertThat(as("A", store).decrypt(stored).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(as("A", store).secretForeignKeys(stored)).isEqualTo(a.secretForeignKeys(patient));
        // B wrote nothing for others: it reads its own entries only
        assertThat(as("B", store).decrypt(stored).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        // C has no entry at all
        assertThat(as("C", store).canRead(stored)).isFalse();
        assertThatThrownBy(() -> as("C", store).decrypt(stored)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("'C'").hasMessageContaining("encryptionKeys");
        assertThatThrownBy(() -> as("C", store).requireReadable(stored)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("delegations");
    }

    @Test
    void anEntryThatDoesNotOpenIsAFailureNotAMissingAccess() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient patient = a.shareWith(a.createPatient(json("p", "note", NOTE)), "B");
        // A's entries for B, written under a pair key the store replaced: they do not open for B...
        Delegation written = patient.delegations().get("B").get(0);
        Patient moved = patient.withDelegationMap(DelegationKind.DELEGATIONS,
                Map.of("A", patient.delegations().get("A"), "B", List.of(new Delegation("A", "B", written.key().substring(0, written.key().length() - 4) + "AAAA"))));
        store.save(moved);
        Patient stored = store.patient("p").orElseThrow();
        assertThatThrownBy(() -> as("B", store).requireReadable(stored)).isInstanceOf(DecryptionFailedException.class);
        assertThat(as("B", store).canRead(stored)).isFalse();
        // ...and an entry written by C for D, where D holds nothing else, is D's failure, not D's missing access
        Patient forD = stored.withDelegationMap(DelegationKind.DELEGATIONS,
                Map.of("A", stored.delegations().get("A"), "D", List.of(new Delegation("C", "D", written.key()))));
        assertThatThrownBy(() -> as("D", store).requireReadable(forD)).isInstanceOf(DecryptionFailedException.class);
        // E, named by nothing, has no access
        assertThatThrownBy(() -> as("E", store).requireReadable(forD)).isInstanceOf(AccessDeniedException.class);
    }

    // ---------------------------------------------------------------- sharing

    @Test
    void sharingReturnsTheSavedEntityAndRefusesAStaleOrUnknownOne() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient created = a.createPatient(json("p", "note", NOTE));
        assertThat(created).isEqualTo(store.patient("p").orElseThrow());

        Patient shared = a.shareWith(created, "B");
        assertThat(shared).isEqualTo(store.patient("p").orElseThrow());
        assertThat(shared.delegations()).containsOnlyKeys("A", "B");
        assertThat(a.shareWith(shared, "B")).as("idempotent").isEqualTo(shared);
        assertThat(store.patient("p").orElseThrow()).isEqualTo(shared);

        // a modified copy is not the stored version
        ObjectNode modified = shared.toJson();
        modified.put("firstName", "Eve");
        assertThatThrownBy(() -> a.shareWith(Patient.fromJson(modified), "C")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> a.shareWith(created, "C")).as("stale").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> a.shareWith(shared, "nobody")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nobody");
        Patient never = Patient.fromJson(json("never", "note", NOTE));
        assertThatThrownBy(() -> a.shareWith(never, "B")).isInstanceOf(NotFoundException.class);
        assertThat(store.patient("p").orElseThrow()).isEqualTo(shared);
        assertThat(store.party("A").orElseThrow().pairKeyEntries("C")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void aCascadeReportsWhatItSharedWhatWasAlreadySharedAndWhatItCouldNotRead(Suite suite) {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store, suite);
        Patient patient = a.createPatient(json("p", "note", NOTE));
        a.createChild(EntityType.CONTACT, json("c", "descr", DESCR), patient);
        a.createChild(EntityType.FORM, json("f", "descr", DESCR), patient);
        a.createChild(EntityType.HEALTH_ELEMENT, json("h", "descr", DESCR), patient);
        // C, to whom A gave the patient only, adds a contact A cannot read
        Patient sharedWithC = a.shareWith(store.patient("p").orElseThrow(), "C");
        as("C", store, suite).createChild(EntityType.CONTACT, json("byC", "descr", DESCR), sharedWithC);

        CascadeShareResult result = a.shareWithCascade(store.patient("p").orElseThrow(), "B");
        assertThat(result.shared()).extracting(EncryptableEntity::id).containsExactlyInAnyOrder("p", "c", "f", "h");
        assertThat(result.unchanged()).isEmpty();
        assertThat(result.skipped()).containsExactly("byC");
        assertThat(result.patient()).isEqualTo(store.patient("p").orElseThrow());
        for (EncryptableEntity<?> shared : result.shared()) {
            assertThat(shared).isEqualTo(store.entity(shared.type(), shared.id()).orElseThrow());
            assertThat(as("B", store, suite).canRead(shared)).isTrue();
        }
        DelegationService b = as("B", store, suite);
        assertThat(b.contactsOf(result.patient())).extracting(EncryptableEntity::id).containsExactly("c");

        CascadeShareResult again = a.shareWithCascade(result.patient(), "B");
        assertThat(again.shared()).isEmpty();
        assertThat(again.unchanged()).extracting(EncryptableEntity::id).containsExactlyInAnyOrder("p", "c", "f", "h");
        assertThat(again.skipped()).containsExactly("byC");
        assertThat(again.patient()).isEqualTo(result.patient());

        // a new child is shared on its own, the rest is unchanged
        a.createChild(EntityType.CONTACT, json("c2", "descr", DESCR), result.patient());
        CascadeShareResult third = a.shareWithCascade(store.patient("p").orElseThrow(), "B");
        assertThat(third.shared()).extracting(EncryptableEntity::id).containsExactly("c2");
        assertThat(third.patient()).isEqualTo(store.patient("p").orElseThrow());
        assertThatThrownBy(() -> a.shareWithCascade(patient, "B")).as("stale").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> as("E", store, suite).shareWithCascade(store.patient("p").orElseThrow(), "B"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theKeysAServiceCreatesAreCachedOnceSavedSoItsOwnReadsNeedNoRsa() {
        EntityStore store = TestParties.newStore();
        DelegationService a = as("A", store);
        Patient p1 = a.createPatient(json("p1", "note", NOTE));
        Patient p2 = a.createPatient(json("p2", "note", NOTE));
        a.shareWith(p1, "B");
        a.shareWith(p2, "B");
        assertThat(a.decrypt(store.patient("p1").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(a.pairKeyCache().rsaOperations()).as("A made both pair keys: none unwrapped").isZero();
        assertThat(a.pairKeyCache().size()).isEqualTo(2);
        assertThat(store.party("A").orElseThrow().pairKeyEntries("B")).hasSize(1);
    }

    // ---------------------------------------------------------------- a store that keeps changing

    /**
     * The store as the service sees it, where another writer changes the patient (a clear field,
     * {@code visits}, counted up) just before each of the first {@code times} updates the service
     * applies: each of those updates then finds the patient changed. A proxy, so that it wraps any
     * {@link EntityStore} whatever methods the interface has.
     */
    private static final class ConcurrentWriter implements InvocationHandler {
        private final EntityStore base;
        private final String patientId;
        private final AtomicInteger remaining;
        private final AtomicInteger applies = new AtomicInteger();

        ConcurrentWriter(EntityStore base, String patientId, int times) {
            this.base = base;
            this.patientId = patientId;
            this.remaining = new AtomicInteger(times);
        }

        EntityStore store() {
            return (EntityStore) Proxy.newProxyInstance(EntityStore.class.getClassLoader(), new Class<?>[] {EntityStore.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("apply")) {
                applies.incrementAndGet();
                if (remaining.getAndDecrement() > 0) {
                    ObjectNode changed = base.patient(patientId).orElseThrow().toJson();
                    changed.put("visits", changed.path("visits").asInt() + 1);
                    base.save(Patient.fromJson(changed));
                }
            }
            try {
                return method.invoke(base, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Test
    void aShareRetriesFromTheStoreWhileAnotherWriterChangesTheEntityThenGivesUp() {
        EntityStore base = TestParties.newStore();
        Patient patient = as("A", base).createPatient(json("p", "note", NOTE));

        ConcurrentWriter sevenTimes = new ConcurrentWriter(base, "p", 7);
        Patient shared = as("A", sevenTimes.store()).shareWith(patient, "B");
        assertThat(sevenTimes.applies).hasValue(8);
        assertThat(shared).isEqualTo(base.patient("p").orElseThrow());
        assertThat(shared.field("visits").orElseThrow().asInt()).as("the other writer's changes are kept").isEqualTo(7);
        assertThat(as("B", base).decrypt(shared).field("note").orElseThrow().asText()).isEqualTo(NOTE);

        Patient current = base.patient("p").orElseThrow();
        ConcurrentWriter eightTimes = new ConcurrentWriter(base, "p", 8);
        assertThatThrownBy(() -> as("A", eightTimes.store()).shareWith(current, "C")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("kept changing");
        assertThat(eightTimes.applies).hasValue(8);
        assertThat(base.patient("p").orElseThrow().delegations()).containsOnlyKeys("A", "B");
        assertThat(base.patient("p").orElseThrow().field("visits").orElseThrow().asInt()).isEqualTo(15);
        assertThat(base.party("A").orElseThrow().pairKeyEntries("C")).as("no pair key saved either").isEmpty();
    }

    @Test
    void aCascadeRetriesFromTheStoreToo() {
        EntityStore base = TestParties.newStore();
        DelegationService a = as("A", base);
        Patient patient = a.createPatient(json("p", "note", NOTE));
        a.createChild(EntityType.CONTACT, json("c", "descr", DESCR), patient);
        ConcurrentWriter twice = new ConcurrentWriter(base, "p", 2);
        CascadeShareResult result = as("A", twice.store()).shareWithCascade(base.patient("p").orElseThrow(), "B");
        assertThat(twice.applies).hasValue(3);
        assertThat(result.shared()).extracting(EncryptableEntity::id).containsExactlyInAnyOrder("p", "c");
        assertThat(result.patient()).isEqualTo(base.patient("p").orElseThrow());
        assertThat(result.patient().field("visits").orElseThrow().asInt()).isEqualTo(2);
        assertThat(result.shared()).allSatisfy(entity ->
                assertThat(entity).isEqualTo(base.entity(entity.type(), entity.id()).orElseThrow()));
    }

    private String signingKeyHex(String party) {
        return DataOwnerKeys.fromPkcs8(party, provider, List.of(TestParties.rsaPkcs8(party), TestParties.signingPkcs8(party)))
                .currentSigningKey().orElseThrow().publicKeyHex();
    }
}
