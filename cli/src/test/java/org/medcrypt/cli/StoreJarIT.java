package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * The packaged jar on a SQLite store: the driver's native library, the migrations and the pool
 * inside the shaded jar, two processes writing one store at once, and nothing but the result on
 * stdout and nothing from the libraries' logging on stderr.
 */
class StoreJarIT {

    @TempDir
    Path folder;

    @BeforeAll
    static void findJar() {
        JarIT.findJar();
    }

    @Test
    void importTwoWritersAtOnceThenExportFromASqliteStore() {
        Path demo = folder.resolve("demo");
        JarIT.medcrypt("demo", "--out", demo.toString()).assertOk();
        JarIT.medcrypt("keygen", "--id", "E", "--out", demo.toString()).assertOk();
        String store = "sqlite:" + folder.resolve("practice.db");
        JarIT.Run imported = JarIT.medcrypt("import", "--dataset", demo.resolve("dataset.json").toString(), "--store", store)
                .assertOk();
        assertThat(imported.out()).startsWith("imported 6 documents");
        assertThat(imported.err()).as("no log lines from the pool or the migrations").isEmpty();

        CompletableFuture<JarIT.Run> share = CompletableFuture.supplyAsync(() -> JarIT.medcrypt("share", "--store", store,
                "--as", "A", "--key", demo.resolve("A.key").toString(), "--with", "D", "--entity", "1234"), Threads.EACH);
        CompletableFuture<JarIT.Run> addParty = CompletableFuture.supplyAsync(() -> JarIT.medcrypt("add-party",
                "--store", store, "--id", "E", "--public-key", demo.resolve("E.pub").toString()), Threads.EACH);
        share.join().assertOk();
        addParty.join().assertOk();

        JarIT.Run d = JarIT.medcrypt("decrypt", "--store", store, "--as", "D", "--key", demo.resolve("D.key").toString())
                .assertOk();
        assertThat(MedcryptJson.parseObject(d.out(), "output").at("/patients/0/note").asText()).isEqualTo(DemoCommand.NOTE);

        Path back = folder.resolve("back.json");
        JarIT.Run exported = JarIT.medcrypt("export", "--store", store, "--dataset", back.toString()).assertOk();
        assertThat(exported.out()).startsWith("exported 7 documents (5 healthcareParties, 1 patients, 1 contacts");
        JarIT.medcrypt("decrypt", "--dataset", back.toString(), "--as", "D", "--key", demo.resolve("D.key").toString())
                .assertOk();
    }
}
