package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.provider.CryptoProviders;

/**
 * The shaded {@code medcrypt.jar} run as a process, as a user runs it (after {@code package}).
 * Checks what only the packaged jar can get wrong, such as merged service files and native
 * libraries, and a user's round trip from the demo to a new party reading shared data.
 */
class JarIT {

    private static Path jar;

    @TempDir
    Path folder;

    record Run(int exitCode, String out, String err) {
        Run assertOk() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            return this;
        }
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("medcrypt.jar", "target/medcrypt.jar"));
        assertThat(jar).as("the shaded jar, built by package").isRegularFile();
    }

    static Run medcrypt(String... args) {
        return medcryptWithJvmOptions(List.of(), args);
    }

    static Run medcryptWithJvmOptions(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close(); // no input, as in a script
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), Threads.EACH);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), Threads.EACH);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("medcrypt " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aUsersRoundTripFromTheDemoToANewPartyReadingSharedData() {
        Path dir = folder.resolve("try");
        String dataset = dir.resolve("dataset.json").toString();
        assertThat(medcrypt("demo", "--out", dir.toString()).assertOk().out()).contains("format: v2 (", "Try:");

        List<String> keygen = medcrypt("keygen", "--id", "E", "--out", dir.toString()).assertOk().out().lines().toList();
        assertThat(keygen).hasSize(2);
        assertThat(keygen.get(0)).matches("30820122[0-9a-f]+");
        assertThat(keygen.get(1)).matches("[0-9a-f]{64}");
        medcrypt("add-party", "--dataset", dataset, "--id", "E", "--public-key", dir.resolve("E.pub").toString()).assertOk();

        // before the share, E has nothing
        Run before = medcrypt("decrypt", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString()).assertOk();
        assertThat(MedcryptJson.parseObject(before.out(), "output").get("patients")).isEmpty();

        Run share = medcrypt("share", "--dataset", dataset, "--as", "A", "--key", dir.resolve("A.key").toString(),
                "--with", "E", "--entity", "1234", "--cascade").assertOk();
        assertThat(share.out()).contains("created pair key {A→E}", "patient '1234'", "contact '4567'");

        Run decrypted = medcrypt("decrypt", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString())
                .assertOk();
        var out = MedcryptJson.parseObject(decrypted.out(), "output");
        assertThat(out.at("/patients/0/note").asText()).isEqualTo(DemoCommand.NOTE);
        assertThat(out.at("/contacts/0/descr").asText()).isEqualTo(DemoCommand.DESCR);

        Run contacts = medcrypt("contacts-of", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString(),
                "--patient", "1234").assertOk();
        var found = MedcryptJson.parseObject(contacts.out(), "output").get("contacts");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo("4567");
        assertThat(found.get(0).get("descr").asText()).isEqualTo(DemoCommand.DESCR);

        Run patient = medcrypt("patient-of", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString(),
                "--contact", "4567").assertOk();
        assertThat(MedcryptJson.parseObject(patient.out(), "output").get("lastName").asText()).isEqualTo("Keats");

        // E adds a health element to the patient, shares it back with A, and A (pinning E's signing key) reads it
        String created = medcrypt("create", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString(),
                "--type", "healthElement", "--parent", "1234", "--json", "{\"note\":\"Asthma\"}").assertOk().out().strip();
        assertThat(created).matches("[0-9a-f-]{36}");
        medcrypt("share", "--dataset", dataset, "--as", "E", "--key", dir.resolve("E.key").toString(),
                "--with", "A", "--entity", created).assertOk();
        Run seenByA = medcrypt("decrypt", "--dataset", dataset, "--as", "A", "--key", dir.resolve("A.key").toString(),
                "--id", created, "--pin-signing-key", "E=" + keygen.get(1)).assertOk();
        var he = MedcryptJson.parseObject(seenByA.out(), "output");
        assertThat(he.at("/healthElements/0/note").asText()).isEqualTo("Asthma");
        assertThat(he.at("/encryption/0/suite").asText()).isEqualTo("V2_GCM_OAEP256");
    }

    @Test
    void theJarFindsAllFiveProvidersWithTheirNativeCode() {
        String out = medcrypt("providers").assertOk().out();
        for (String id : List.of("jca", "accp", "conscrypt", "bouncycastle", "tink")) {
            assertThat(out.lines().filter(line -> line.substring(2).startsWith(id + " ")).findFirst())
                    .as(id).hasValueSatisfying(line -> assertThat(line).endsWith("available"));
        }
        // the shaded jar must load Bouncy Castle's native AES whenever the plain class path does
        boolean nativeOnClassPath = CryptoProviders.get("bouncycastle").library().contains("native AES: yes");
        assertThat(out.contains("native AES: yes")).isEqualTo(nativeOnClassPath);
        assertThat(out).contains("Conscrypt").doesNotContain("unavailable");
        // ACCP's AWS-LC library travels in the jar and loads from it (else accp would be unavailable above)
        assertThat(out).contains("Amazon Corretto Crypto Provider 2.5.0 (AWS-LC v1.47.0)");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so")).isNotNull();
            assertThat(file.getEntry("com/amazon/corretto/crypto/provider/version.properties")).isNotNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void accpWithoutItsNativeLibraryIsUnavailableWithTheReasonAndNothingFallsBack() {
        // ACCP's own switch to skip the library bundled in its jar: the same path as a platform it has no library for
        List<String> noBundledLibrary = List.of("-Dcom.amazon.corretto.crypto.provider.useExternalLib=true");
        Run providers = medcryptWithJvmOptions(noBundledLibrary, "providers").assertOk();
        assertThat(providers.out().lines().filter(line -> line.substring(2).startsWith("accp ")).findFirst())
                .hasValueSatisfying(line -> assertThat(line).contains("unavailable: Amazon Corretto Crypto Provider (AWS-LC)"
                        + " cannot be used on").contains("'jca'"));
        assertThat(providers.out()).contains("* default: jca");
        Run demo = medcryptWithJvmOptions(noBundledLibrary, "demo", "--provider", "accp");
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.PROVIDER_PROBLEM);
        assertThat(demo.out()).isEmpty();
        assertThat(demo.err()).startsWith("medcrypt: crypto provider 'accp' is on the class path but unavailable here")
                .doesNotContain("\tat ");
    }

    @Test
    void theJarRunsTheWorkedExampleOnAccp() {
        Path out = folder.resolve("demo-accp");
        Run demo = medcrypt("demo", "--provider", "accp", "--out", out.toString()).assertOk();
        assertThat(demo.out()).contains("crypto provider: accp", "RSA private-key operations: A 0, B 1, C 1, D 0");
        Run b = medcrypt("decrypt", "--provider", "accp", "--dataset", out.resolve("dataset.json").toString(), "--as", "B",
                "--key", out.resolve("B.key").toString()).assertOk();
        assertThat(MedcryptJson.parseObject(b.out(), "output").at("/patients/0/note").asText()).isEqualTo(DemoCommand.NOTE);
    }

    @Test
    void theJarAuditsTheIcureFixtureAsACbomAndWithAPartysKeysOnAccp() throws Exception {
        Path dir = Cli.fixture(folder);
        String dataset = dir.resolve("dataset.json").toString();
        for (Run cbom : List.of(medcrypt("audit", "--dataset", dataset, "--format", "cbom").assertOk(),
                medcrypt("providers", "--format", "cbom").assertOk())) {
            assertThat(new org.cyclonedx.parsers.JsonParser().validate(cbom.out().getBytes(StandardCharsets.UTF_8),
                    org.cyclonedx.Version.VERSION_16)).isEmpty();
        }
        Run keyed = medcrypt("audit", "--provider", "accp", "--dataset", dataset, "--format", "json", "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString()).assertOk();
        com.fasterxml.jackson.databind.JsonNode access = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(keyed.out()).get("access");
        assertThat(access.get("provider").asText()).isEqualTo("accp");
        assertThat(access.get("openedTotal").asInt()).isEqualTo(3); // all but F-1, as iCure's SDK reader C sees
    }

    @Test
    void theJarReadsTheIcureFixture() {
        Path dir = Cli.fixture(folder);
        String dataset = dir.resolve("dataset.json").toString();
        JsonExpect expected = new JsonExpect(dir);
        Run b = medcrypt("decrypt", "--dataset", dataset, "--as", "B", "--key", dir.resolve("B.pem").toString()).assertOk();
        IcureFixtureTest.assertMatchesExpected(b.out(), expected.of("B"));
        Run c = medcrypt("decrypt", "--provider", "conscrypt", "--dataset", dataset, "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString()).assertOk();
        IcureFixtureTest.assertMatchesExpected(c.out(), expected.of("C"));
        Run accp = medcrypt("decrypt", "--provider", "accp", "--dataset", dataset, "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString()).assertOk();
        IcureFixtureTest.assertMatchesExpected(accp.out(), expected.of("C"));
    }

    @Test
    void badInputFailsWithAnExitCodeAndOneLineAndLeavesTheFileAlone() throws IOException {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        byte[] before = Files.readAllBytes(dataset);

        Run wrongKey = medcrypt("share", "--dataset", dataset.toString(), "--as", "A", "--key", dir.resolve("D.pkcs8.hex").toString(),
                "--with", "D", "--entity", "1234", "--cascade");
        assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrongKey.err().strip().lines()).hasSize(1);
        assertThat(wrongKey.err()).startsWith("medcrypt: ").contains("not a private key of 'A'").doesNotContain("\tat ");

        Run denied = medcrypt("decrypt", "--dataset", dataset.toString(), "--as", "D", "--key", dir.resolve("D.pkcs8.hex").toString(),
                "--id", "1234");
        assertThat(denied.exitCode()).isEqualTo(ExitCodes.ACCESS_DENIED);
        assertThat(denied.out()).isEmpty();

        Run usage = medcrypt("share", "--dataset", dataset.toString());
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);

        assertThat(Files.readAllBytes(dataset)).isEqualTo(before);
    }

    /** expected.json of the fixture. */
    private record JsonExpect(Path dir) {
        com.fasterxml.jackson.databind.JsonNode of(String party) {
            return MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected.json").get(party);
        }
    }
}
