package org.medcrypt.modulepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedEd25519KeyPair;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The scheme end to end on the module path, per provider and suite: A creates a patient and a
 * contact and shares them with B; B, from a dataset written to JSON and read back, decrypts,
 * navigates both ways and shares on with C, with one RSA operation.
 */
class ModulePathSchemeTest {

    private static final String NOTE = "allergic to penicillin";

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "jca, V2_GCM_OAEP256", "jca, V1_ICURE",
        "conscrypt, V2_GCM_OAEP256", "conscrypt, V1_ICURE",
        "accp, V2_GCM_OAEP256", "accp, V1_ICURE",
        "bouncycastle, V2_GCM_OAEP256", "bouncycastle, V1_ICURE",
        "tink, V2_GCM_OAEP256", "tink, V1_ICURE"})
    void shareReadNavigateAndShareOn(String id, Suite suite) throws GeneralSecurityException {
        CryptoProvider provider = CryptoProviders.all().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        // conscrypt and accp need their native library: elsewhere they are unavailable, not broken
        assumeTrue(provider.availability().isAvailable(), () -> id + ": " + provider.availability().reason());
        assertThat(provider.getClass().getModule().isNamed()).isTrue();

        InMemoryEntityStore written = new InMemoryEntityStore();
        List<List<byte[]>> keys = new ArrayList<>();
        for (String party : List.of("A", "B", "C")) {
            EncodedRsaKeyPair rsa = provider.rsaOaep().generateKeyPair(2048);
            EncodedEd25519KeyPair signing = provider.ed25519().generateKeyPair();
            written.saveParty(HealthcareParty.of(party, HexFormat.of().formatHex(rsa.spki())));
            keys.add(List.of(rsa.pkcs8(), DataOwnerKeys.ed25519Pkcs8(signing.seed())));
        }
        DelegationService a = service(provider, written, "A", keys.get(0), suite);
        Patient created = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"lastName\":\"Keats\",\"note\":\"" + NOTE + "\"}", "patient"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"4567\",\"descr\":\"follow-up\"}", "contact"),
                created);
        a.shareWithCascade(written.patient("1234").orElseThrow(), "B");
        assertThat(written.patient("1234").orElseThrow().field("note")).as("the note is encrypted").isEmpty();

        byte[] json = MedcryptJson.toBytes(Dataset.empty().with(written).toJson());
        EntityStore store = Dataset.parse(json, "dataset").toStore();
        DelegationService b = service(provider, store, "B", keys.get(1), suite);
        Patient patient = store.patient("1234").orElseThrow();
        DecryptedEntity<Patient> view = b.decrypt(patient);
        assertThat(view.field("note").orElseThrow().asText()).isEqualTo(NOTE);
        assertThat(view.suite()).contains(suite);
        assertThat(view.readUnderUnsignedPairKey()).isFalse();
        List<EncryptableEntity<?>> contacts = b.contactsOf(patient);
        assertThat(contacts).extracting(EncryptableEntity::id).containsExactly("4567");
        assertThat(b.patientOf(contacts.get(0))).map(Patient::id).contains("1234");
        b.shareWithCascade(patient, "C");
        assertThat(store.entity(EntityType.CONTACT, "4567").orElseThrow().delegations()).containsKey("C");
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(1);

        DelegationService c = service(provider, store, "C", keys.get(2), suite);
        assertThat(c.decrypt(store.patient("1234").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo(NOTE);
    }

    private static DelegationService service(CryptoProvider provider, EntityStore store, String id, List<byte[]> pkcs8,
            Suite suite) {
        return DelegationService.builder()
                .provider(provider)
                .store(store)
                .suite(suite)
                .dataOwner(DataOwnerKeys.fromPkcs8(id, provider, pkcs8))
                .build();
    }
}
