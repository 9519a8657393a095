package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EntityType;
import org.medcrypt.store.jdbc.JdbcEntityStore;
import org.medcrypt.store.jdbc.JdbcEntityStores;

/**
 * {@code --store URL} on the commands, {@code import} and {@code export}, on a real SQLite file
 * (issue 11, CLI): the same results as on the dataset file, and no lost update between two
 * writers.
 */
class StoreCommandsTest {

    @TempDir
    static Path demo;

    @TempDir
    Path folder;

    @BeforeAll
    static void makeTheDemoDataset() {
        Cli.run("demo", "--out", demo.toString()).assertOk();
        Cli.run("keygen", "--id", "E", "--out", demo.toString()).assertOk();
    }

    private Path imported(String name) {
        Path db = folder.resolve(name + ".db");
        Cli.Result result = Cli.run("import", "--dataset", demo.resolve("dataset.json").toString(),
                "--store", "sqlite:" + db, "--progress", "lines").assertOk();
        assertThat(result.out()).startsWith("imported 6 documents (4 healthcareParties, 1 patients, 1 contacts)")
                .contains("sqlite:" + db);
        return db;
    }

    private static List<String> asParty(String party, String command, String store, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--store", store, "--as", party, "--key",
                demo.resolve(party + ".key").toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** Documents of a dataset file by collection, without the revisions a store gives them. */
    private static ObjectNode withoutRevisions(Path dataset) {
        ObjectNode json = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        json.fields().forEachRemaining(field -> {
            if (field.getValue().isArray()) {
                field.getValue().forEach(document -> ((ObjectNode) document).remove("rev"));
            }
        });
        return json;
    }

    @Test
    void importThenExportGivesBackEveryDocumentAndTheStoreAnswersAsTheFileDoes() throws IOException {
        Path db = imported("practice");
        Path back = folder.resolve("back.json");
        Cli.Result export = Cli.run("export", "--store", "sqlite:" + db, "--dataset", back.toString(), "--progress", "none")
                .assertOk();
        assertThat(export.out()).startsWith("exported 6 documents (4 healthcareParties, 1 patients, 1 contacts, 0 forms, "
                + "0 healthElements)");
        ObjectNode original = withoutRevisions(demo.resolve("dataset.json"));
        ObjectNode exported = withoutRevisions(back);
        for (String collection : List.of("healthcareParties", "patients", "contacts", "forms", "healthElements")) {
            assertThat(exported.get(collection)).as(collection).isEqualTo(original.get(collection));
        }
        assertThat(Cli.text(back)).contains("\"rev\""); // the store's revisions travel with the documents

        // B reads the same from the store as from the file
        Cli.Result fromFile = Cli.run("decrypt", "--dataset", demo.resolve("dataset.json").toString(), "--as", "B",
                "--key", demo.resolve("B.key").toString()).assertOk();
        Cli.Result fromStore = Cli.run(asParty("B", "decrypt", "sqlite:" + db)).assertOk();
        assertThat(MedcryptJson.parseObject(fromStore.out(), "out").get("patients").get(0).get("note"))
                .isEqualTo(MedcryptJson.parseObject(fromFile.out(), "out").get("patients").get(0).get("note"));
        Cli.Result contacts = Cli.run(asParty("B", "contacts-of", "sqlite:" + db, "--patient", "1234")).assertOk();
        assertThat(contacts.out()).contains(DemoCommand.DESCR);

        // export refuses to replace a file unless told to
        byte[] before = Cli.bytes(back);
        Cli.run("export", "--store", "sqlite:" + db, "--dataset", back.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(back)).isEqualTo(before);
    }

    private static ObjectNode auditJson(String... args) {
        List<String> command = new ArrayList<>(List.of("audit", "--format", "json"));
        command.addAll(List.of(args));
        return MedcryptJson.parseObject(Cli.run(command).assertOk().out(), "audit");
    }

    @Test
    void auditOfAStoreReportsWhatTheAuditOfItsDatasetFileReports() throws IOException {
        Path db = imported("audited");
        String dataset = demo.resolve("dataset.json").toString();
        // the same report but for the size of the JSON read: the store's is compact and has revisions
        Cli.Result markdownFile = Cli.run("audit", "--dataset", dataset).assertOk();
        Cli.Result markdownStore = Cli.run("audit", "--store", "sqlite:" + db).assertOk();
        assertThat(markdownStore.out().replaceFirst("[0-9,]+ bytes;", "N bytes;"))
                .isEqualTo(markdownFile.out().replaceFirst("[0-9,]+ bytes;", "N bytes;"))
                .contains("4 parties, 3 pair keys, 2 entities");
        ObjectNode jsonFile = auditJson("--dataset", dataset);
        ObjectNode jsonStore = auditJson("--store", "sqlite:" + db);
        assertThat(jsonStore.get("datasetBytes").asLong()).isPositive();
        jsonFile.remove("datasetBytes");
        jsonStore.remove("datasetBytes");
        assertThat(jsonStore).isEqualTo(jsonFile);
        assertThat(jsonStore.get("totals").get("entities").asInt()).isEqualTo(2);
        // with a party's keys: what B opens, the same from the store as from the file
        ObjectNode keyedFile = auditJson("--dataset", dataset, "--as", "B", "--key", demo.resolve("B.key").toString());
        ObjectNode keyedStore = auditJson("--store", "sqlite:" + db, "--as", "B", "--key",
                demo.resolve("B.key").toString());
        assertThat(keyedStore.has("access")).isTrue();
        keyedFile.remove("datasetBytes");
        keyedStore.remove("datasetBytes");
        assertThat(keyedStore).isEqualTo(keyedFile);
        assertThat(Cli.run("audit", "--store", "sqlite:" + db, "--format", "cbom").assertOk().out())
                .contains("CycloneDX");
        // a .json --store is the file itself; a change in the store shows in its audit
        assertThat(Cli.run("audit", "--store", dataset).assertOk().out())
                .isEqualTo(Cli.run("audit", "--dataset", dataset).assertOk().out());
        Cli.run("add-party", "--store", "sqlite:" + db, "--id", "E", "--public-key", demo.resolve("E.pub").toString())
                .assertOk();
        assertThat(auditJson("--store", "sqlite:" + db).get("totals").get("parties").asInt()).isEqualTo(5);

        Cli.Result unknownParty = Cli.run("audit", "--store", "sqlite:" + db, "--as", "Z", "--key",
                demo.resolve("B.key").toString());
        assertThat(unknownParty.exitCode()).isNotZero();
        assertThat(unknownParty.err()).contains("'Z' is not in store sqlite:" + db);
        Cli.run("audit", "--dataset", dataset, "--store", "sqlite:" + db).assertFails(ExitCodes.USAGE);
        Cli.run("audit").assertFails(ExitCodes.USAGE);
        Path missing = folder.resolve("missing.db");
        Cli.run("audit", "--store", "sqlite:" + missing).assertFails(ExitCodes.BAD_INPUT);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aNewPartyIsAddedToAStoreAndReadsWhatIsSharedThere() {
        Path db = imported("share");
        String store = "sqlite:" + db;
        Cli.run("add-party", "--store", store, "--id", "E", "--public-key", demo.resolve("E.pub").toString()).assertOk();
        Cli.run("add-party", "--store", store, "--id", "E", "--public-key", demo.resolve("E.pub").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        Cli.Result shared = Cli.run(asParty("A", "share", store, "--with", "E", "--entity", "1234", "--cascade")).assertOk();
        assertThat(shared.out()).contains("created pair key {A→E}", "patient '1234'", "contact '4567'", "updated " + store);
        Cli.Result read = Cli.run("decrypt", "--store", store, "--as", "E", "--key", demo.resolve("E.key").toString())
                .assertOk();
        var out = MedcryptJson.parseObject(read.out(), "out");
        assertThat(out.at("/patients/0/note").asText()).isEqualTo(DemoCommand.NOTE);
        assertThat(out.at("/contacts/0/descr").asText()).isEqualTo(DemoCommand.DESCR);
        // the file it came from is untouched
        Cli.Result fileE = Cli.run("decrypt", "--dataset", demo.resolve("dataset.json").toString(), "--as", "B",
                "--key", demo.resolve("B.key").toString()).assertOk();
        assertThat(fileE.out()).contains(DemoCommand.NOTE);
    }

    @Test
    void addPartyCreatesANewSqliteStoreButReadingOneThatDoesNotExistIsAnErrorAndCreatesNothing() {
        Path db = folder.resolve("new.db");
        Cli.run(asParty("A", "decrypt", "sqlite:" + db)).assertFails(ExitCodes.BAD_INPUT);
        assertThat(db).doesNotExist();
        Cli.Result added = Cli.run("add-party", "--store", "sqlite:" + db, "--id", "E", "--public-key",
                demo.resolve("E.pub").toString()).assertOk();
        assertThat(added.out()).contains("added healthcare party 'E'", "sqlite:" + db);
        try (JdbcEntityStore store = JdbcEntityStores.open("sqlite:" + db)) {
            assertThat(store.party("E")).isPresent();
        }
    }

    @Test
    void eitherDatasetOrStoreIsAUsageError() {
        Cli.run("decrypt", "--as", "B", "--key", demo.resolve("B.key").toString()).assertFails(ExitCodes.USAGE);
        Cli.run("decrypt", "--dataset", demo.resolve("dataset.json").toString(), "--store", "sqlite:x.db", "--as", "B",
                "--key", demo.resolve("B.key").toString()).assertFails(ExitCodes.USAGE);
        Cli.run("decrypt", "--store", "x.db", "--as", "B", "--key", demo.resolve("B.key").toString())
                .assertFails(ExitCodes.USAGE);
    }

    @Test
    void importRefusesRepeatedIdsAndIdsAlreadyStoredAndWritesNothing() throws IOException {
        Path twice = folder.resolve("twice.json");
        ObjectNode json = MedcryptJson.parseObject(Cli.bytes(demo.resolve("dataset.json")), "dataset");
        ((ArrayNode) json.get("contacts")).add(json.get("contacts").get(0).deepCopy());
        Files.writeString(twice, MedcryptJson.toPrettyString(json));
        Path db = folder.resolve("refused.db");
        Cli.Result result = Cli.run("import", "--dataset", twice.toString(), "--store", "sqlite:" + db)
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("contacts[1]", "contact '4567'", "a second time");
        try (JdbcEntityStore store = JdbcEntityStores.open("sqlite:" + db)) {
            assertThat(store.scanParties().count()).as("nothing imported").isZero();
        }

        Path practice = imported("again");
        Cli.Result again = Cli.run("import", "--dataset", demo.resolve("dataset.json").toString(), "--store",
                "sqlite:" + practice).assertFails(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("healthcare party 'A'", "is already in store", "nothing was imported");
        try (JdbcEntityStore store = JdbcEntityStores.open("sqlite:" + practice)) {
            assertThat(store.scanParties().count()).isEqualTo(4);
        }
    }

    @Test
    void importRefusesJsonNestedBeyondTheLimitAndWritesNothing() throws IOException {
        Path deep = folder.resolve("deep.json");
        ObjectNode json = MedcryptJson.parseObject(Cli.bytes(demo.resolve("dataset.json")), "dataset");
        String nested = "[".repeat(300) + "]".repeat(300);
        String text = MedcryptJson.toPrettyString(json).replaceFirst("\"id\" : \"1234\"", "\"id\" : \"1234\", \"x\" : " + nested);
        Files.writeString(deep, text);
        Path db = folder.resolve("deep.db");
        Cli.Result result = Cli.run("import", "--dataset", deep.toString(), "--store", "sqlite:" + db)
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("MAX_NESTING_DEPTH");
        try (JdbcEntityStore store = JdbcEntityStores.open("sqlite:" + db)) {
            assertThat(store.scanParties().count()).as("nothing imported").isZero();
        }
    }

    @Test
    void importWithoutStoreMakesASqliteFileBesideTheDataset() throws IOException {
        Path dataset = Files.copy(demo.resolve("dataset.json"), folder.resolve("practice.json"));
        Cli.Result result = Cli.run("import", "--dataset", dataset.toString(), "--progress", "none").assertOk();
        assertThat(result.out()).contains("into sqlite:" + folder.resolve("practice.db"));
        assertThat(result.err()).isEmpty();
        Cli.run(asParty("B", "decrypt", "sqlite:" + folder.resolve("practice.db"))).assertOk();
    }

    /** The round of {@link ConcurrentWritersTest} on a SQLite store: each lands or is told to retry. */
    @Test
    void shareAndAddPartyAtOnceOnAStoreNeverLoseAChange() throws Exception {
        int landed = 0;
        for (int i = 0; i < 4; i++) {
            String store = "sqlite:" + imported("race-" + i);
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Cli.Result> share = CompletableFuture.supplyAsync(() -> {
                await(start);
                return Cli.run(asParty("A", "share", store, "--with", "D", "--entity", "1234"));
            }, Threads.EACH);
            CompletableFuture<Cli.Result> addParty = CompletableFuture.supplyAsync(() -> {
                await(start);
                return Cli.run("add-party", "--store", store, "--id", "E", "--public-key", demo.resolve("E.pub").toString());
            }, Threads.EACH);
            start.countDown();
            Cli.Result shared = share.join();
            Cli.Result added = addParty.join();
            for (Cli.Result result : List.of(shared, added)) {
                if (result.exitCode() != 0) {
                    result.assertFails(ExitCodes.CONFLICT);
                }
            }
            try (JdbcEntityStore opened = JdbcEntityStores.open(store)) {
                boolean shareKept = opened.entity(EntityType.PATIENT, "1234").orElseThrow()
                        .allDelegations(DelegationKind.DELEGATIONS).stream().anyMatch(d -> d.delegatedTo().equals("D"));
                assertThat(shareKept).as("share exited %s: %s", shared.exitCode(), shared.err())
                        .isEqualTo(shared.exitCode() == 0);
                assertThat(opened.party("E").isPresent()).as("add-party exited %s", added.exitCode())
                        .isEqualTo(added.exitCode() == 0);
                landed += shareKept && opened.party("E").isPresent() ? 1 : 0;
            }
        }
        assertThat(landed).as("in a store, two writers on different documents both land").isEqualTo(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The same round trip on PostgreSQL, in a new schema of the database named by
     * {@code MEDCRYPT_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}, as
     * {@code .ci/postgres} exports them); skipped without it, except in CI where it is required.
     */
    @Test
    void importShareAndExportOnPostgresql() throws Exception {
        String base = System.getenv("MEDCRYPT_TEST_POSTGRES_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("MEDCRYPT_TEST_POSTGRES_REQUIRED"));
        if (base == null || base.isBlank()) {
            assertThat(required).as("PostgreSQL tests are required here: set MEDCRYPT_TEST_POSTGRES_URL (. .ci/postgres)")
                    .isFalse();
            org.junit.jupiter.api.Assumptions.abort("MEDCRYPT_TEST_POSTGRES_URL is not set");
        }
        String user = System.getenv("MEDCRYPT_TEST_POSTGRES_USER");
        String password = System.getenv("MEDCRYPT_TEST_POSTGRES_PASSWORD");
        String schema = "medcrypt_cli_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(base, user, password);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String store = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + (user == null ? "" : "&user=" + user) + (password == null ? "" : "&password=" + password);
        try {
            Cli.Result imported = Cli.run("import", "--dataset", demo.resolve("dataset.json").toString(), "--store", store,
                    "--progress", "none").assertOk();
            assertThat(imported.out()).startsWith("imported 6 documents");
            Cli.run("add-party", "--store", store, "--id", "E", "--public-key", demo.resolve("E.pub").toString()).assertOk();
            Cli.Result shared = Cli.run(asParty("A", "share", store, "--with", "E", "--entity", "1234", "--cascade"))
                    .assertOk();
            Cli.Result read = Cli.run("contacts-of", "--store", store, "--as", "E", "--key", demo.resolve("E.key").toString(),
                    "--patient", "1234").assertOk();
            assertThat(read.out()).contains(DemoCommand.DESCR);
            Cli.Result audit = Cli.run("audit", "--store", store, "--format", "json").assertOk();
            assertThat(MedcryptJson.parseObject(audit.out(), "audit").get("totals").get("parties").asInt()).isEqualTo(5);
            Path back = folder.resolve("from-postgresql.json");
            Cli.Result exported = Cli.run("export", "--store", store, "--dataset", back.toString()).assertOk();
            assertThat(exported.out()).startsWith("exported 7 documents (5 healthcareParties, 1 patients, 1 contacts");
            for (Cli.Result result : List.of(imported, shared, read, audit, exported)) {
                if (password != null) {
                    assertThat(result.out() + result.err()).doesNotContain(password);
                }
            }
        } finally {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(base, user, password);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void demoWritesItsDocumentsIntoANewStoreAndTheCommandsToTryUseIt() {
        Path out = folder.resolve("demo-store");
        String store = "sqlite:" + out.resolve("medcrypt.db");
        Cli.Result demoRun = Cli.run("demo", "--out", out.toString(), "--store", store).assertOk();
        assertThat(demoRun.out()).contains("Wrote " + store, "./medcrypt decrypt --store " + store + " --as B");
        assertThat(out.resolve("dataset.json")).doesNotExist();
        Cli.Result b = Cli.run("decrypt", "--store", store, "--as", "B", "--key", out.resolve("B.key").toString()).assertOk();
        assertThat(b.out()).contains(DemoCommand.NOTE);
        Cli.Result again = Cli.run("demo", "--out", out.toString(), "--store", store, "--force")
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("already holds", "give a new store");
        Cli.run("demo", "--store", store).assertFails(ExitCodes.USAGE);
    }

    @Test
    void aBadStoreIsAUsageErrorThatSaysWhatToWrite() {
        Cli.Result result = Cli.run("add-party", "--store", "mysql://h/db", "--id", "E", "--public-key", "00")
                .assertFails(ExitCodes.USAGE);
        assertThat(result.err()).contains("--store", "sqlite:PATH", "jdbc:postgresql://");
    }
}
