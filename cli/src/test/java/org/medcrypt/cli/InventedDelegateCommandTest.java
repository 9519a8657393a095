package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * On the dataset made by iCure's SDK, the store adds a party S of its own ({@code add-party}, a key
 * pair it holds) and lists S in patient 1234's {@code delegations} with one entry "from" B, a copy of
 * a value already there. {@code revoke} and {@code migrate} by A give S nothing: A re-grants only
 * access it granted itself (a security review's attack, kept as a regression test).
 */
class InventedDelegateCommandTest {

    @TempDir
    Path folder;

    private Path dir;
    private Path dataset;
    private Path signing;

    @BeforeEach
    void setUp() throws Exception {
        dir = Cli.fixture(folder);
        dataset = dir.resolve("dataset.json");
        signing = Cli.signingKey(dir, "A");
        Path storeKeys = folder.resolve("store");
        Cli.run("keygen", "--id", "S", "--out", storeKeys.toString()).assertOk();
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "S", "--public-key",
                storeKeys.resolve("S.pub").toString()).assertOk();
        ObjectNode json = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        for (JsonNode patient : json.get("patients")) {
            if (patient.get("id").asText().equals("1234")) {
                ObjectNode delegations = (ObjectNode) patient.get("delegations");
                String any = delegations.elements().next().get(0).get("key").asText();
                ((ArrayNode) delegations.putArray("S")).addObject().put("owner", "B").put("delegatedTo", "S").put("key", any);
            }
        }
        Files.writeString(dataset, MedcryptJson.toPrettyString(json));
    }

    private List<String> asA(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString(), "--trust-unsigned-pair-keys"));
        return command;
    }

    /** S's entry (the store's copy of another value) opens nothing: decrypt stops at patient 1234, showing nothing of it. */
    private void sReadsNothing() {
        Cli.Result asS = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "S",
                "--key", folder.resolve("store").resolve("S.key").toString()).assertFails(5);
        assertThat(asS.err()).contains("patient '1234'");
        assertThat(asS.out()).doesNotContain("Keats", "penicillin");
    }

    @Test
    void revokeIsRefusedNamingTheDelegateAndWhoListedIt() {
        byte[] before = Cli.bytes(dataset);
        for (boolean cascade : new boolean[] {false, true}) {
            List<String> command = asA("revoke", "--entity", "1234", "--from", "C");
            if (cascade) {
                command.add("--cascade");
            }
            Cli.Result refused = Cli.run(command).assertFails(4);
            assertThat(refused.err()).contains("'A' cannot revoke 'C' from patient '1234'",
                    "delegate 'S' was given access by 'B', not by 'A'");
            assertThat(Cli.bytes(dataset)).isEqualTo(before);
        }
        sReadsNothing();
    }

    @Test
    void migrateSkipsThePatientAndMigratesTheRest() {
        Cli.Result migrated = Cli.run(asA("migrate", "--to", "v2")).assertOk();
        assertThat(migrated.out()).contains("migrated to v2: 3", "skipped: 1",
                "patient '1234': delegate 'S' was given access by 'B', not by 'A'");
        sReadsNothing();
        Cli.Result kept = Cli.run(asA("migrate", "--to", "v2", "--keep-v1")).assertOk();
        assertThat(kept.out()).contains("skipped: 1");
        sReadsNothing();
    }
}
