package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * Issue 9, items 1 and 3, on the command line, with the store's side in plain JCA and JSON:
 * <ul>
 *   <li>the content-key rule: the store moves B's {@code cryptedForeignKeys} entry of a v1 contact
 *       into {@code encryptionKeys} (dropping the original) and writes an {@code encryptedSelf}
 *       under the parent id, a bare UUID everyone sees. Before the fix {@code decrypt --id} printed
 *       the store's text with exit 0; now it is a decryption failure (exit 5) and prints nothing;
 *   <li>a writer blocking a share: an empty {@code aesExchangeKeys[A's key][E]} made A's
 *       {@code share} with E fail with "unexpected" (exit 1, an IllegalStateException) on every
 *       try; now A shares under a new signed pair key and E reads.
 * </ul>
 */
class ContentKeyRuleCommandTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FORGED = "forged by the store";

    @TempDir
    Path folder;

    private Path dir;
    private Path dataset;
    private Path signing;

    @BeforeEach
    void fixture() {
        dir = Cli.fixture(folder);
        dataset = dir.resolve("dataset.json");
        signing = Cli.signingKey(dir, "A");
    }

    private Cli.Result asA(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--dataset", dataset.toString(), "--as", "A", "--key",
                dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString()}, 0, all, args.length, 8);
        return Cli.run(all);
    }

    private Cli.Result decryptAsB(String id) {
        return Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "B", "--key", dir.resolve("B.pkcs8.hex").toString(),
                "--id", id);
    }

    private ObjectNode readDataset() {
        return MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
    }

    private void writeDataset(ObjectNode document) throws Exception {
        Files.write(dataset, MedcryptJson.toPrettyString(document).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode find(ObjectNode document, String collection, String id) {
        for (JsonNode node : document.get(collection)) {
            if (node.get("id").asText().equals(id)) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no " + id + " in " + collection);
    }

    @Test
    void theStoreCannotMakeBReadItsTextUnderAContactsParentId() throws Exception {
        String patientId = UUID.randomUUID().toString();
        asA("create", "--suite", "v1", "--type", "patient", "--json", "{\"id\":\"" + patientId + "\",\"note\":\"real note\"}")
                .assertOk();
        asA("create", "--suite", "v1", "--type", "contact", "--parent", patientId, "--json",
                "{\"id\":\"c1\",\"descr\":\"real descr\"}").assertOk();
        asA("share", "--with", "B", "--entity", patientId, "--cascade").assertOk();
        assertThat(decryptAsB("c1").assertOk().out()).contains("real descr");

        // the store's edit: plain JSON, and AES-CBC under the patient's id (public)
        ObjectNode document = readDataset();
        ObjectNode contact = find(document, "contacts", "c1");
        ((ObjectNode) contact.get("encryptionKeys")).set("B", contact.get("cryptedForeignKeys").get("B"));
        ((ObjectNode) contact.get("cryptedForeignKeys")).remove("B");
        contact.put("encryptedSelf", v1EncryptedSelf(patientId, "{\"descr\":\"" + FORGED + "\"}"));
        writeDataset(document);

        Cli.Result attacked = decryptAsB("c1");
        attacked.assertFails(ExitCodes.CRYPTO_FAILURE);
        assertThat(attacked.out()).doesNotContain(FORGED);
        assertThat(attacked.err()).doesNotContain(FORGED);
    }

    @Test
    void anEmptySlotForEInAsDocumentDoesNotBlockAsShareWithE() throws Exception {
        Cli.run("keygen", "--id", "E", "--out", dir.toString()).assertOk();
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key", dir.resolve("E.pub").toString())
                .assertOk();
        // whoever can write A's document: aesExchangeKeys[A's key][E] = {}
        ObjectNode document = readDataset();
        ObjectNode a = find(document, "healthcareParties", "A");
        ((ObjectNode) a.get("aesExchangeKeys").get(a.get("publicKey").asText())).putObject("E");
        writeDataset(document);

        for (int attempt = 0; attempt < 2; attempt++) {
            Cli.Result shared = asA("share", "--with", "E", "--entity", "1234");
            shared.assertOk();
            assertThat(shared.err()).doesNotContain("unexpected", "IllegalStateException");
        }
        Cli.Result seenByE = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "E", "--key",
                dir.resolve("E.key").toString(), "--id", "1234").assertOk();
        assertThat(MedcryptJson.parseObject(seenByE.out(), "output").at("/patients/0/note").asText()).isNotEmpty();
    }

    /** iCure's encryptedSelf: base64(IV ‖ AES-CBC(key, JSON)), the key a UUID's 16 bytes. */
    private static String v1EncryptedSelf(String uuid, String fields) throws Exception {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(uuid.replace("-", "")), "AES"),
                new IvParameterSpec(iv));
        byte[] body = aes.doFinal(fields.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[iv.length + body.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(body, 0, out, iv.length, body.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
