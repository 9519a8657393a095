package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedEd25519KeyPair;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
            "Runs the worked example of iCure's scheme on an in-memory store and says what happens at each step: "
                    + "Dr A creates patient 1234 (John Keats) and contact 4567, shares them with B and then C; "
                    + "B and C read them; D, never given access, is refused.",
            "Written in medcrypt's authenticated format v2 by default; --suite v1 writes iCure's format. Every party "
                    + "has an RSA key and an Ed25519 signing key, which signs the pair keys it creates.",
            "With --out DIR, also writes DIR/dataset.json and the parties' private keys DIR/A.key ... DIR/D.key "
                    + "(both keys of a party as two PEM blocks; test keys), so that the other commands can be tried on them.",
            "With --out DIR --store URL, the documents go into that store instead of DIR/dataset.json (created if missing, "
                    + "e.g. --store sqlite:DIR/medcrypt.db), and the commands to try use --store."})
final class DemoCommand implements Callable<Integer> {

    static final String NOTE = "Allergic to penicillin";
    static final String DESCR = "Consultation: seasonal cough (toux saisonnière)";
    private static final List<String> PARTIES = List.of("A", "B", "C", "D");

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ProviderOption provider;

    @Mixin
    SuiteOption suiteOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the dataset and the private keys into DIR.")
    Path out;

    @Option(names = "--force", description = "With --out: replace files already in DIR.")
    boolean force;

    @Option(names = "--store", paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "With --out: write the documents into this store (" + StoreLocation.FORMS + "), created if "
                    + "missing, instead of DIR/dataset.json; it must not hold the demo's ids yet.")
    StoreLocation documents;

    private CryptoProvider crypto;
    private Suite suite;
    private InMemoryEntityStore store;
    private final Map<String, EncodedRsaKeyPair> keys = new LinkedHashMap<>();
    private final Map<String, EncodedEd25519KeyPair> signingKeys = new LinkedHashMap<>();

    @Override
    public Integer call() {
        List<Path> files = new ArrayList<>();
        if (documents != null && out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--store needs --out DIR, where the parties' private keys go");
        }
        if (out != null) {
            files.add(out.resolve("dataset.json"));
            if (documents != null) {
                files.remove(0); // the documents go to the store
            }
            PARTIES.forEach(id -> files.add(out.resolve(id + ".key")));
            KeyFiles.refuseToOverwrite(files, force);
        }
        crypto = provider.provider();
        suite = suiteOption.suite;
        PrintWriter o = spec.commandLine().getOut();
        try {
            run(o);
            if (out != null) {
                write(o, files);
            }
        } finally {
            keys.values().forEach(EncodedRsaKeyPair::destroy);
            signingKeys.values().forEach(EncodedEd25519KeyPair::destroy);
        }
        return ExitCodes.OK;
    }

    private void run(PrintWriter o) {
        boolean v2 = suite == Suite.V2_GCM_OAEP256;
        o.println("medcrypt demo: iCure's delegation-based end-to-end encryption, step by step");
        o.println("crypto provider: " + crypto.id() + " (" + crypto.library() + ")");
        o.println("format: " + SuiteOption.describe(suite)
                + (v2 ? "; --suite v1 writes iCure's format" : "; the default, --suite v2, is authenticated"));
        o.println();

        store = new InMemoryEntityStore();
        for (String id : PARTIES) {
            keys.put(id, KeygenCommand.generateRsa(crypto, 2048));
            signingKeys.put(id, KeygenCommand.generateSigning(crypto));
            ObjectNode party = MedcryptJson.nodes().objectNode();
            party.put("id", id);
            party.put("name", "Dr " + id);
            party.put("publicKey", HexFormat.of().formatHex(keys.get(id).spki()));
            party.putObject("hcPartyKeys");
            party.putObject("aesExchangeKeys");
            store.saveParty(HealthcareParty.fromJson(party));
        }
        String wrapping = v2 ? "RSA-OAEP SHA-256" : "RSA-OAEP SHA-1";
        o.println("1. Four healthcare parties get an RSA-2048 key pair and an Ed25519 signing key: Dr A (A), Dr B (B),");
        o.println("   Dr C (C) and Dr D (D). Each RSA public key is published in the party's document; each private key");
        o.println("   stays with its owner.");

        DelegationService a = service("A");
        Patient patient = a.createPatient(json("{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\""
                + NOTE + "\"}"));
        o.println("2. Dr A (A) creates patient 1234 John Keats:");
        o.println("   - a random secret foreign key and a random content key (" + (v2 ? "32 random bytes each" : "UUIDs")
                + "), this patient's own;");
        o.println("   - pair key {AA} created (32 random bytes), RSA-wrapped for A (" + wrapping + "), signed with A's");
        o.println("     signing key, stored in A's document, which now publishes A's signing public key ("
                + store.party("A").flatMap(HealthcareParty::signingKey).orElse("?").substring(0, 16) + "…);");
        o.println("   - both keys encrypted with {AA} into delegations[A] and encryptionKeys[A]");
        o.println("     (" + (v2 ? "AES-256-GCM, bound to patient 1234, the key's role and the pair"
                : "AES-CBC with a \"1234:\" prefix, no integrity") + ");");
        o.println("   - the note encrypted with the content key into encryptedSelf ("
                + patient.encryptedSelf().orElseThrow().substring(0, 16) + "…,");
        o.println("     " + (v2 ? "AES-256-GCM under a key derived from the content key" : "AES-CBC") + "); it is no longer in clear.");

        a.createChild(EntityType.CONTACT, json("{\"id\":\"4567\",\"descr\":\"" + DESCR + "\"}"), patient);
        o.println("3. A creates contact 4567 for 1234, with its own content key (its descr goes into encryptedSelf);");
        o.println("   it carries the patient's secret foreign key in clear (secretForeignKeys) and the patient's");
        o.println("   id encrypted with {AA} (cryptedForeignKeys).");

        CascadeShareResult toB = a.shareWithCascade(store.patient("1234").orElseThrow(), "B");
        o.println("4. A shares 1234 and its contacts with B: pair key {AB} created, RSA-wrapped for A and for B, signed by A;");
        o.println("   only the small keys (secret foreign key, content key, patient id) are re-encrypted with {AB},");
        o.println("   for " + toB.shared().size() + " entities (" + ids(toB.shared()) + "); the encrypted data itself is untouched.");

        DelegationService b = service("B");
        ObjectNode seenByB = b.decrypt(store.patient("1234").orElseThrow()).toJson();
        long unwrapsB = b.pairKeyCache().rsaOperations();
        o.println("5. B opens patient 1234: " + count(unwrapsB, "RSA operation") + " to unwrap {AB} with B's private key"
                + " (then cached),");
        o.println("   after " + count(b.pairKeyCache().signatureVerifications(), "signature check")
                + " of {AB} with A's published signing key; AES for the rest.");
        o.println("   B reads: " + seenByB.path("firstName").asText() + " " + seenByB.path("lastName").asText()
                + ", note \"" + seenByB.path("note").asText() + "\"");
        List<EncryptableEntity<?>> contacts = b.contactsOf(store.patient("1234").orElseThrow());
        o.println("6. B finds the contacts of 1234 by its secret foreign key: " + ids(contacts) + ".");
        for (EncryptableEntity<?> contact : contacts) {
            o.println("   B reads contact " + contact.id() + ": descr \"" + decryptedField(b, contact, "descr") + "\"");
        }
        EncryptableEntity<?> contact = store.entity(EntityType.CONTACT, "4567").orElseThrow();
        String patientOfContact = b.patientOf(contact).map(Patient::id).orElse("(none)");
        o.println("7. B finds the patient of 4567 by decrypting its crypted foreign key: " + patientOfContact + ".");
        o.println("   B needed " + count(b.pairKeyCache().rsaOperations(), "RSA operation") + " in all: {AB} came from"
                + " the cache after the first.");

        CascadeShareResult toC = a.shareWithCascade(store.patient("1234").orElseThrow(), "C");
        DelegationService c = service("C");
        ObjectNode seenByC = c.decrypt(store.patient("1234").orElseThrow()).toJson();
        o.println("8. A shares 1234 and its contacts with C, a new party: pair key {AC} created, RSA-wrapped for A");
        o.println("   and C and signed by A, small keys re-encrypted for " + toC.shared().size() + " entities; C reads the note");
        o.println("   \"" + seenByC.path("note").asText() + "\" with " + count(c.pairKeyCache().rsaOperations(), "RSA operation") + ".");

        DelegationService d = service("D");
        String refusal;
        try {
            d.decrypt(store.patient("1234").orElseThrow());
            refusal = "D could read it: this must not happen";
        } catch (AccessDeniedException e) {
            refusal = "access denied (" + e.getMessage() + ")";
        }
        o.println("9. D, never given access, tries to open 1234: " + refusal + ".");
        o.println();
        o.println("RSA private-key operations: A " + a.pairKeyCache().rsaOperations() + ", B " + b.pairKeyCache().rsaOperations()
                + ", C " + c.pairKeyCache().rsaOperations() + ", D " + d.pairKeyCache().rsaOperations()
                + " (one per pair key a reader opens, not one per entity).");
    }

    private void write(PrintWriter o, List<Path> files) {
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot create folder " + out + ": " + ExitCodes.describeIo(e));
        }
        String where;
        if (documents == null) {
            Path datasetFile = out.resolve("dataset.json");
            DatasetFile.write(Dataset.empty().with(store), datasetFile);
            where = "--dataset " + datasetFile;
        } else {
            writeToStore();
            where = "--store " + documents;
        }
        for (String id : PARTIES) {
            List<byte[]> secrets = privateKeys(id);
            try {
                byte[] text = KeyFiles.pem(secrets);
                secrets.add(text);
                KeyFiles.writePrivate(out.resolve(id + ".key"), text, force);
            } finally {
                KeyFiles.wipe(secrets);
            }
        }
        String signingA = HexFormat.of().formatHex(signingKeys.get("A").publicKey());
        o.println();
        o.println("Wrote " + where.substring(where.indexOf(' ') + 1) + " (format " + SuiteOption.label(suite) + ") and the private keys " + out.resolve("A.key")
                + " ... " + out.resolve("D.key") + " (RSA and signing key of each party; test keys: protect nothing real with them).");
        o.println("Signing public key of A, for others to pin: " + signingA);
        o.println("Try:");
        o.println("  ./medcrypt decrypt " + where + " --as B --key " + out.resolve("B.key"));
        o.println("  ./medcrypt contacts-of " + where + " --as B --key " + out.resolve("B.key") + " --patient 1234");
        o.println("  ./medcrypt patient-of " + where + " --as C --key " + out.resolve("C.key") + " --contact 4567");
        o.println("  ./medcrypt decrypt " + where + " --as D --key " + out.resolve("D.key")
                + " --id 1234    # access denied, exit code 4");
        o.println("  ./medcrypt create " + where + " --as A --key " + out.resolve("A.key")
                + " --type healthElement --parent 1234 --json '{\"note\":\"Asthma\"}'");
        o.println("  ./medcrypt keygen --id E --out " + out);
        o.println("  ./medcrypt add-party " + where + " --id E --public-key " + out.resolve("E.pub"));
        o.println("  ./medcrypt share " + where + " --as A --key " + out.resolve("A.key")
                + " --with E --entity 1234 --cascade");
        o.println("  ./medcrypt decrypt " + where + " --as E --key " + out.resolve("E.key")
                + " --pin-signing-key A=" + signingA);
    }

    /** The demo's documents into {@code --store}, in one update that lands only if none of their ids is there yet. */
    private void writeToStore() {
        OpenStore target = Stores.open(documents, Stores.Mode.CREATE);
        org.medcrypt.store.StoreUpdate.Builder update = org.medcrypt.store.StoreUpdate.builder();
        try (java.util.stream.Stream<HealthcareParty> parties = store.scanParties()) {
            parties.forEach(party -> update.expectParty(party.id(), java.util.Optional.empty()).save(party));
        }
        for (EntityType type : EntityType.values()) {
            try (java.util.stream.Stream<EncryptableEntity<?>> all = store.scanEntities(type)) {
                all.forEach(entity -> update.expectAbsent(type, entity.id()).save(entity));
            }
        }
        org.medcrypt.store.UpdateResult result = target.store().apply(update.build());
        if (!result.applied()) {
            throw new UserInputException("store " + documents + " already holds " + result.conflicts().get(0)
                    + " of the demo: give a new store (nothing was written to it)");
        }
        target.commit();
    }

    /** The party's RSA and Ed25519 PKCS#8 keys, in that order; the caller wipes them. */
    private List<byte[]> privateKeys(String id) {
        List<byte[]> pkcs8 = new ArrayList<>(3);
        pkcs8.add(keys.get(id).pkcs8());
        byte[] seed = signingKeys.get(id).seed();
        try {
            pkcs8.add(DataOwnerKeys.ed25519Pkcs8(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        return pkcs8;
    }

    private DelegationService service(String id) {
        List<byte[]> pkcs8 = privateKeys(id);
        try {
            return DelegationService.builder()
                    .provider(crypto)
                    .store(store)
                    .suite(suite)
                    .dataOwner(DataOwnerKeys.fromPkcs8(id, crypto, pkcs8))
                    .build();
        } finally {
            KeyFiles.wipe(pkcs8);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String decryptedField(DelegationService service, EncryptableEntity<?> entity, String field) {
        return ((DecryptedEntity<?>) service.decrypt((EncryptableEntity) entity)).toJson().path(field).asText();
    }

    private static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "demo document");
    }

    private static String ids(List<EncryptableEntity<?>> entities) {
        return String.join(", ", entities.stream().map(EncryptableEntity::id).toList());
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
