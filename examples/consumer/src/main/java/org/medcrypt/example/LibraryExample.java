package org.medcrypt.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PrivateKeyText;
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
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The README's "Using the library" example as a program: {@code LibraryExample PROVIDER_ID DIR}.
 * It first writes what the example starts from (a dataset in which A shared patient 1234 and its
 * contact with B, and B's key file), then runs the example as B, checks every result and exits
 * non-zero on any difference.
 */
public final class LibraryExample {

    private static final String NOTE = "allergic to penicillin";

    private LibraryExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LibraryExample PROVIDER_ID DIR");
            System.exit(2);
        }
        String id = args[0];
        Path dir = Files.createDirectories(Path.of(args[1]));
        String aSigningKeyHex = prepare(CryptoProviders.get(id), dir);
        Path keyFile = dir.resolve("B.key");

        // ---- the README's example, as written there ----
        CryptoProvider provider = CryptoProviders.get(id);
        EntityStore store = Dataset.read(dir.resolve("dataset.json")).toStore();
        DelegationService b = DelegationService.builder()
                .provider(provider)
                .store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("B", provider, PrivateKeyText.parseAllPkcs8(Files.readAllBytes(keyFile))))
                .pinSigningKey("A", aSigningKeyHex)
                .build();

        Patient patient = store.patient("1234").orElseThrow();
        DecryptedEntity<Patient> view = b.decrypt(patient);
        String note = view.field("note").orElseThrow().asText();
        List<EncryptableEntity<?>> contacts = b.contactsOf(patient);
        Optional<Patient> parent = b.patientOf(contacts.get(0));
        b.shareWithCascade(patient, "C");
        long rsa = b.pairKeyCache().rsaOperations();
        boolean unsigned = view.readUnderUnsignedPairKey();
        // ---- end of the README's example ----

        check(note.equals(NOTE), "the note B decrypted");
        check(contacts.size() == 1 && contacts.get(0).id().equals("4567"), "contactsOf(1234) = [4567]");
        check(parent.map(Patient::id).equals(Optional.of("1234")), "patientOf(4567) = 1234");
        check(store.patient("1234").orElseThrow().delegations().containsKey("C"), "1234 shared with C");
        check(store.entity(EntityType.CONTACT, "4567").orElseThrow().delegations().containsKey("C"), "4567 shared with C");
        check(rsa == 1, "one RSA operation for all of it (was " + rsa + ")");
        check(!unsigned, "read under a signed pair key");

        Module module = LibraryExample.class.getModule();
        Module providerModule = provider.getClass().getModule();
        System.out.println("consumer example: provider " + provider.id() + " (" + provider.library() + ") on the "
                + (module.isNamed() ? "module path, module " + module.getName() : "class path")
                + "; provider in " + (providerModule.isNamed() ? "module " + providerModule.getName() : "the unnamed module")
                + ": note read, contact found, parent found, shared with C, " + rsa + " RSA operation");
        if (module.isNamed() != providerModule.isNamed()) {
            throw new IllegalStateException("the provider was not loaded the way the consumer was: " + providerModule);
        }
    }

    /**
     * What the README example starts from: parties A, B and C; A creates patient 1234 (with a
     * note) and contact 4567 and shares both with B; dataset.json and B.key (PKCS#8 PEM: B's RSA
     * key, then its Ed25519 signing key, as {@code medcrypt keygen} writes it). Returns A's
     * signing public key, which B pins.
     */
    private static String prepare(CryptoProvider provider, Path dir) throws Exception {
        InMemoryEntityStore store = new InMemoryEntityStore();
        List<List<byte[]>> keys = new ArrayList<>();
        for (String party : List.of("A", "B", "C")) {
            EncodedRsaKeyPair rsa = provider.rsaOaep().generateKeyPair(2048);
            EncodedEd25519KeyPair signing = provider.ed25519().generateKeyPair();
            store.saveParty(HealthcareParty.of(party, HexFormat.of().formatHex(rsa.spki())));
            keys.add(List.of(rsa.pkcs8(), DataOwnerKeys.ed25519Pkcs8(signing.seed())));
        }
        DelegationService a = DelegationService.builder()
                .provider(provider)
                .store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("A", provider, keys.get(0)))
                .build();
        Patient patient = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\"" + NOTE + "\"}", "patient"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"4567\",\"descr\":\"follow-up\"}", "contact"),
                patient);
        a.shareWithCascade(store.patient("1234").orElseThrow(), "B");
        Dataset.empty().with(store).writeAtomically(dir.resolve("dataset.json"));

        StringBuilder pem = new StringBuilder();
        for (byte[] der : keys.get(1)) {
            pem.append("-----BEGIN PRIVATE KEY-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                    .append("\n-----END PRIVATE KEY-----\n");
        }
        Files.writeString(dir.resolve("B.key"), pem, StandardCharsets.US_ASCII);
        return store.party("A").flatMap(HealthcareParty::signingKey).orElseThrow();
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("consumer example: wrong result: " + what);
        }
    }
}
