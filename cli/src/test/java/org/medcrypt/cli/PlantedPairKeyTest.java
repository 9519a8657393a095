package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;

/**
 * The planted pair key, on the command line. The store (whoever can write the dataset) knows only
 * public keys, yet can add to A's document a pair key {A→E} = X of its own choosing, wrapped for A
 * and for E exactly as iCure's SDK writes one. If A then shares with E under it, the store reads
 * everything shared, with X. Here on the dataset iCure's SDK made, with a new party E:
 * <ol type="a">
 *   <li>told to trust unsigned pair keys, {@code share} uses X, and the store opens E's entries;
 *   <li>by default, with A's signing key, {@code share} makes a new signed pair key: E reads the
 *       note, and nothing of E's entries opens under X;
 *   <li>by default, without a signing key, {@code share} refuses in one line naming the signing
 *       key, and the dataset is byte for byte unchanged.
 * </ol>
 * The store's side is plain JCA, written from iCure's format, not from medcrypt's code.
 */
class PlantedPairKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path folder;

    private Path dir;
    private Path dataset;
    private byte[] x;
    private String plantedForA;
    private String plantedForE;

    @BeforeEach
    void plantAPairKeyAsTheStore() throws Exception {
        dir = Cli.fixture(folder);
        dataset = dir.resolve("dataset.json");
        Cli.run("keygen", "--id", "E", "--out", dir.toString()).assertOk();
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key", dir.resolve("E.pub").toString())
                .assertOk();

        // the store: public keys from the dataset, a random X of its own
        ObjectNode document = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        ObjectNode a = party(document, "A");
        String spkiA = a.get("publicKey").asText();
        String spkiE = party(document, "E").get("publicKey").asText();
        x = new byte[32];
        RANDOM.nextBytes(x);
        plantedForA = HexFormat.of().formatHex(rsaOaepSha1(spkiA, x));
        plantedForE = HexFormat.of().formatHex(rsaOaepSha1(spkiE, x));
        ((ObjectNode) a.get("hcPartyKeys")).putArray("E").add(plantedForA).add(plantedForE);
        ((ObjectNode) a.get("aesExchangeKeys").get(spkiA)).putObject("E")
                .put(fingerprint(spkiA), plantedForA)
                .put(fingerprint(spkiE), plantedForE);
        Files.write(dataset, MedcryptJson.toPrettyString(document).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> shareWithE(String... more) {
        List<String> args = new ArrayList<>(List.of("share", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--with", "E", "--entity", "1234", "--cascade"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void a_toldToTrustUnsignedPairKeysTheShareUsesThePlantedKeyAndTheStoreReadsTheNote() throws Exception {
        Path signing = Cli.signingKey(dir, "A");

        Cli.Result shared = Cli.run(shareWithE("--key", signing.toString(), "--trust-unsigned-pair-keys")).assertOk();

        assertThat(shared.out()).contains("shared with 'E': patient '1234'").doesNotContain("created pair key");
        assertThat(shared.err()).contains("--trust-unsigned-pair-keys", "plant");
        JsonNode patient = entity(EntityType.PATIENT, "1234");
        String contentKey = openUnderX("1234", patient.at("/encryptionKeys/E/0/key").asText())
                .orElseThrow(() -> new AssertionError("E's encryptionKeys entry should open under X"));
        String note = MedcryptJson.parseObject(aesCbc(uuidKey(contentKey),
                Base64.getDecoder().decode(patient.get("encryptedSelf").asText())), "patient").get("note").asText();
        assertThat(note).as("the store reads the patient's note").isEqualTo(expectedNote());
        assertThat(entriesForEOpeningUnderX()).as("every entry for E: 2 of the patient, 3 of each child").hasSize(11);

        // E reads too, and is told the pair key carried no signature
        Cli.Result seenByE = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "E",
                "--key", dir.resolve("E.key").toString(), "--id", "1234").assertOk();
        assertThat(MedcryptJson.parseObject(seenByE.out(), "output").at("/encryption/0/unsignedPairKey").asBoolean()).isTrue();
        assertThat(seenByE.err()).contains("read under unsigned v1 pair keys", "patient '1234'");
    }

    @Test
    void b_byDefaultWithASigningKeyANewSignedPairKeyIsMadeEReadsAndNothingOpensUnderX() throws Exception {
        Path signing = Cli.signingKey(dir, "A");
        String signingPublicKey = CommandsTest.signingPublicKey(
                org.medcrypt.keys.PrivateKeyText.parseAllPkcs8(Files.readAllBytes(signing)).get(0));

        Cli.Result shared = Cli.run(shareWithE("--key", signing.toString())).assertOk();

        assertThat(shared.out()).contains("created pair key {A→E}", "signed by 'A'", "patient '1234'", "contact '4567'",
                "form 'F-1'", "health element 'HE-1'", "published the signing key of 'A'");
        assertThat(shared.err()).isEmpty();
        assertThat(Cli.publishedSigningKey(dataset, "A")).contains(signingPublicKey);
        // the planted copies left iCure's slot
        ObjectNode a = party(MedcryptJson.parseObject(Cli.bytes(dataset), "dataset"), "A");
        assertThat(a.at("/hcPartyKeys/E/0").asText()).isNotEqualTo(plantedForA);
        assertThat(a.at("/hcPartyKeys/E/1").asText()).isNotEqualTo(plantedForE);

        Cli.Result seenByE = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "E",
                "--key", dir.resolve("E.key").toString()).assertOk();
        IcureFixtureTest.assertMatchesExpected(seenByE.out(),
                MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected").get("A"));
        JsonNode out = MedcryptJson.parseObject(seenByE.out(), "output");
        assertThat(out.at("/patients/0/note").asText()).isEqualTo(expectedNote());
        assertThat(out.get("encryption")).hasSize(4)
                .allSatisfy(entity -> assertThat(entity.get("unsignedPairKey").asBoolean()).isFalse());
        assertThat(seenByE.err()).isEmpty();

        assertThat(entriesForEOpeningUnderX()).as("entries for E that open under X").isEmpty();
        assertThat(countEntriesForE()).as("E got a secret id, a content key and (children) a parent id each").isEqualTo(11);
    }

    @Test
    void c_byDefaultWithoutASigningKeyTheShareIsRefusedAndTheDatasetUnchanged() {
        byte[] before = Cli.bytes(dataset);

        Cli.Result refused = Cli.run(shareWithE()).assertFails(ExitCodes.BAD_INPUT);

        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("'A' has no signing key", "--trust-unsigned-pair-keys");
        assertThat(Cli.bytes(dataset)).as("dataset bytes").isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the store's tools: plain JCA

    /** Every entry addressed to E (delegations, encryptionKeys, cryptedForeignKeys) that opens under X. */
    private List<String> entriesForEOpeningUnderX() throws GeneralSecurityException {
        List<String> opened = new ArrayList<>();
        forEachEntryForE((entityId, value) -> {
            if (openUnderX(entityId, value).isPresent()) {
                opened.add(entityId);
            }
        });
        return opened;
    }

    private int countEntriesForE() throws GeneralSecurityException {
        int[] count = {0};
        forEachEntryForE((entityId, value) -> count[0]++);
        return count[0];
    }

    private interface EntryVisitor {
        void visit(String entityId, String value) throws GeneralSecurityException;
    }

    private void forEachEntryForE(EntryVisitor visitor) throws GeneralSecurityException {
        ObjectNode document = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        for (EntityType type : EntityType.values()) {
            for (JsonNode entity : document.get(type.collection())) {
                for (String kind : List.of("delegations", "encryptionKeys", "cryptedForeignKeys")) {
                    for (JsonNode delegation : entity.path(kind).path("E")) {
                        visitor.visit(entity.get("id").asText(), delegation.get("key").asText());
                    }
                }
            }
        }
    }

    /** iCure's small key: hex(IV ‖ AES-CBC_X(entityId + ":" + value)); the value if it opens under X. */
    private Optional<String> openUnderX(String entityId, String hex) throws GeneralSecurityException {
        if (!hex.matches("([0-9a-f]{2})+")) {
            return Optional.empty();
        }
        byte[] plaintext;
        try {
            plaintext = aesCbc(x, HexFormat.of().parseHex(hex));
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            return Optional.empty();
        }
        String text = new String(plaintext, StandardCharsets.ISO_8859_1);
        String prefix = entityId + ":";
        return text.startsWith(prefix) ? Optional.of(text.substring(prefix.length())) : Optional.empty();
    }

    private static byte[] aesCbc(byte[] key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivAndCiphertext, 0, 16));
        return cipher.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
    }

    /** A v1 content key: a UUID whose 32 hex digits are an AES-128 key. */
    private static byte[] uuidKey(String uuid) {
        return HexFormat.of().parseHex(uuid.replace("-", ""));
    }

    /** RSA-OAEP with SHA-1 and MGF1-SHA-1, no label: how iCure wraps a pair key. */
    private static byte[] rsaOaepSha1(String spkiHex, byte[] plaintext) throws GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(spkiHex)));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                PSource.PSpecified.DEFAULT), RANDOM);
        return cipher.doFinal(plaintext);
    }

    /** iCure's fingerprint of a public key: the last 32 hex digits of its SPKI hex. */
    private static String fingerprint(String spkiHex) {
        return spkiHex.substring(spkiHex.length() - 32);
    }

    private static ObjectNode party(ObjectNode document, String id) {
        for (JsonNode party : document.get("healthcareParties")) {
            if (party.get("id").asText().equals(id)) {
                return (ObjectNode) party;
            }
        }
        throw new AssertionError("no party " + id);
    }

    private JsonNode entity(EntityType type, String id) {
        for (JsonNode entity : MedcryptJson.parseObject(Cli.bytes(dataset), "dataset").get(type.collection())) {
            if (entity.get("id").asText().equals(id)) {
                return entity;
            }
        }
        throw new AssertionError("no " + type + " " + id);
    }

    private String expectedNote() {
        return MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected")
                .at("/A/patients/1234/decrypted/note").asText();
    }
}
