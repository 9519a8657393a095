package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.Fixture;

/**
 * medcrypt → iCure: what medcrypt writes is read by an independent reader,
 * {@code tools/icure-v1-fixture/verify.mjs}, whose every crypto call is iCure's own SDK code
 * ({@code @icure/api} 6.4.4; {@code .ci/run} installs it outside the tree and sets
 * {@code ICURE_API_NODE_MODULES}). Without the SDK installed, verify.mjs uses its plain WebCrypto
 * copy of the same functions and says so on stderr, which this test prints.
 *
 * <p>Needs {@code node} on the PATH; skipped (with the reason) where there is none.
 */
class IcureSdkReadsMedcryptTest {

    private static final Path VERIFY = Path.of("..", "tools", "icure-v1-fixture", "verify.mjs").toAbsolutePath().normalize();
    static boolean nodeAvailable() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "written by {0}")
    @ValueSource(strings = {"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    void iCuresSdkReadsWhatMedcryptWrote(String providerId, @TempDir Path folder) throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: the independent reader cannot run");
        CryptoProvider provider = Providers.get(providerId);
        EntityStore store = Parties.newStore();
        DelegationService a = Parties.as("A", provider, store, Suite.V1_ICURE);
        Patient patient = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\"Allergic to penicillin ü\"}", "p"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"4567\",\"descr\":\"cough\"}", "c"), patient);
        a.createChild(EntityType.HEALTH_ELEMENT,
                MedcryptJson.parseObject("{\"id\":\"HE-1\",\"descr\":\"Hypertension\",\"note\":\"stage 1\"}", "h"), patient);
        a.shareWithCascade(store.patient("1234").orElseThrow(), "B");
        Parties.as("B", provider, store, Suite.V1_ICURE).shareWithCascade(store.patient("1234").orElseThrow(), "C"); // pair key {BC}

        Path dataset = folder.resolve("dataset.json");
        Dataset.empty().with(store).writeAtomically(dataset);
        for (String reader : List.of("A", "B", "C")) {
            Path key = folder.resolve(reader + ".pkcs8.hex");
            Files.writeString(key, HexFormat.of().formatHex(Parties.pkcs8(reader)));
            ObjectNode seenByIcure = runVerify(dataset, reader, key);
            ObjectNode seenByMedcrypt = Fixture.whatCanBeRead(Parties.as(reader, provider, Dataset.read(dataset).toStore()));
            assertThat(seenByIcure).as("what iCure's SDK reads as %s", reader).isEqualTo(seenByMedcrypt);
            assertThat(seenByIcure.get("patients").get("1234").get("decrypted").get("note").asText())
                    .isEqualTo("Allergic to penicillin ü");
        }
    }

    /**
     * A dataset holding both suites: iCure's SDK opens every v1 entity exactly as medcrypt does,
     * and simply does not see the v2 ones (their values are not hex, so it skips them).
     */
    @ParameterizedTest(name = "written by {0}")
    @ValueSource(strings = {"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    void iCuresSdkReadsEveryV1EntityOfAMixedDataset(String providerId, @TempDir Path folder) throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: the independent reader cannot run");
        CryptoProvider provider = Providers.get(providerId);
        EntityStore store = Parties.newStore();
        DelegationService a1 = Parties.as("A", provider, store, Suite.V1_ICURE);
        DelegationService a2 = Parties.as("A", provider, store, Suite.V2_GCM_OAEP256);
        Patient v1Patient = a1.createPatient(MedcryptJson.parseObject("{\"id\":\"V1P\",\"note\":\"iCure can read this\"}", "p"));
        a1.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"V1C\",\"descr\":\"v1 contact\"}", "c"), v1Patient);
        a2.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"V2C-of-V1P\",\"descr\":\"v2 contact\"}", "c"), v1Patient);
        Patient v2Patient = a2.createPatient(MedcryptJson.parseObject("{\"id\":\"V2P\",\"note\":\"only medcrypt\"}", "p"));
        a1.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"V1C-of-V2P\",\"descr\":\"v1 under v2\"}", "c"), v2Patient);
        a2.shareWithCascade(store.patient("V1P").orElseThrow(), "B");
        a2.shareWithCascade(store.patient("V2P").orElseThrow(), "B");
        Parties.as("B", provider, store).shareWithCascade(store.patient("V1P").orElseThrow(), "C");
        Parties.as("B", provider, store).shareWithCascade(store.patient("V2P").orElseThrow(), "C");

        Path dataset = folder.resolve("dataset.json");
        Dataset.empty().with(store).writeAtomically(dataset);
        for (String reader : List.of("A", "B", "C")) {
            Path key = folder.resolve(reader + ".pkcs8.hex");
            Files.writeString(key, HexFormat.of().formatHex(Parties.pkcs8(reader)));
            ObjectNode seenByIcure = runVerify(dataset, reader, key);
            ObjectNode seenByMedcrypt = Fixture.whatCanBeRead(Parties.as(reader, provider, Dataset.read(dataset).toStore()));
            // medcrypt reads all five; iCure's SDK the three v1 ones, identically
            assertThat(seenByMedcrypt.get("patients").size() + seenByMedcrypt.get("contacts").size()).isEqualTo(5);
            ((ObjectNode) seenByMedcrypt.get("patients")).remove("V2P");
            ((ObjectNode) seenByMedcrypt.get("contacts")).remove("V2C-of-V1P");
            assertThat(seenByIcure).as("what iCure's SDK reads as %s", reader).isEqualTo(seenByMedcrypt);
            assertThat(seenByIcure.get("contacts").get("V1C-of-V2P").get("parentIds").get(0).asText()).isEqualTo("V2P");
        }
    }

    static ObjectNode runVerify(Path dataset, String party, Path key) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", VERIFY.toString(), dataset.toString(), party, key.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (System.getenv("ICURE_API_NODE_MODULES") != null) {
            builder.environment().put("ICURE_FIXTURE_REQUIRE_SDK", "1"); // the SDK is installed: use nothing else
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (!err.isBlank()) {
            System.out.println("verify.mjs (" + party + "): " + err.strip());
        }
        assertThat(process.exitValue()).as("verify.mjs exit code; stderr: " + err).isZero();
        return MedcryptJson.parseObject(out, "verify.mjs output");
    }
}
