package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * A dataset with two documents of one type and id (issue 9, item 5): {@code add-party} kept one
 * of the two patients and silently dropped the other when it rewrote the file. Now every command
 * refuses such a dataset (exit 3, naming the id and the type), and the file is unchanged.
 */
class DuplicateIdsTest {

    @TempDir
    Path folder;

    private Path datasetWithTwo(String collection) throws IOException {
        Path out = folder.resolve("demo-" + collection);
        Cli.run("demo", "--out", out.toString()).assertOk();
        Cli.run("keygen", "--id", "E", "--out", out.toString()).assertOk();
        Path dataset = out.resolve("dataset.json");
        ObjectNode json = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        ArrayNode list = (ArrayNode) json.get(collection);
        ObjectNode twin = list.get(0).deepCopy();
        twin.put("medcryptTwin", "the second one, which a rewrite must not drop");
        list.add(twin);
        Files.writeString(dataset, MedcryptJson.toPrettyString(json));
        return dataset;
    }

    @Test
    void addPartyRefusesADatasetWithTwoPatientsOfOneIdAndLeavesItUnchanged() throws IOException {
        Path dataset = datasetWithTwo("patients");
        byte[] before = Cli.bytes(dataset);
        Cli.Result result = Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key",
                dataset.resolveSibling("E.pub").toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("patient", "'1234'", "twice", dataset.toString());
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
    }

    @Test
    void everyCommandRefusesTwoPartiesOfOneIdOrTwoContactsOfOneId() throws IOException {
        Path parties = datasetWithTwo("healthcareParties");
        Cli.Result decrypt = Cli.run("decrypt", "--dataset", parties.toString(), "--as", "B", "--key",
                parties.resolveSibling("B.key").toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(decrypt.err()).contains("healthcare party", "'A'", "twice");

        Path contacts = datasetWithTwo("contacts");
        byte[] before = Cli.bytes(contacts);
        Cli.Result share = Cli.run("share", "--dataset", contacts.toString(), "--as", "A", "--key",
                contacts.resolveSibling("A.key").toString(), "--with", "D", "--entity", "1234", "--cascade")
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(share.err()).contains("contact", "'4567'", "twice");
        assertThat(Cli.bytes(contacts)).isEqualTo(before);
    }
}
