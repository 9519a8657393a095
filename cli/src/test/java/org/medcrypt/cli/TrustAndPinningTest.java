package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/** {@code --pin-signing-key} and {@code --trust-unsigned-pair-keys}, and what they change. */
class TrustAndPinningTest {

    @TempDir
    Path folder;

    private List<String> decryptAsB(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--dataset", out.resolve("dataset.json").toString(),
                "--as", "B", "--key", out.resolve("B.key").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aPinOfTheRightKeyReadsAsBefore() {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString()).assertOk();
        String signingA = Cli.publishedSigningKey(out.resolve("dataset.json"), "A").orElseThrow();

        Cli.Result pinned = Cli.run(decryptAsB(out, "--pin-signing-key", "A=" + signingA)).assertOk();
        assertThat(pinned.out()).contains("Allergic to penicillin");
        assertThat(pinned.err()).isEmpty();
        // hex in either case, and repeatable
        Cli.run(decryptAsB(out, "--pin-signing-key", "A=" + signingA.toUpperCase(Locale.ROOT),
                "--pin-signing-key", "C=" + "ab".repeat(32))).assertOk();
    }

    @Test
    void decryptSaysWhoWroteEachContentKeyAndStrictModeWantsAPin() {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString()).assertOk();
        String signingA = Cli.publishedSigningKey(out.resolve("dataset.json"), "A").orElseThrow();

        JsonNode published = MedcryptJson.parseObject(Cli.run(decryptAsB(out)).assertOk().out(), "output").get("encryption");
        JsonNode pinned = MedcryptJson.parseObject(Cli.run(decryptAsB(out, "--pin-signing-key", "A=" + signingA)).assertOk().out(),
                "output").get("encryption");
        for (int i = 0; i < 2; i++) {
            assertThat(published.get(i).get("contentKeyFrom").asText()).isEqualTo("A");
            assertThat(published.get(i).get("provenance").asText()).isEqualTo("published");
            assertThat(pinned.get(i).get("provenance").asText()).isEqualTo("pinned");
        }
        // strict: without a pin for A nothing of A's opens; with it, everything does
        Cli.Result strict = Cli.run(decryptAsB(out, "--require-pinned-signing-keys", "--id", "1234"));
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.CRYPTO_FAILURE);
        assertThat(strict.out()).isEmpty();
        Cli.run(decryptAsB(out, "--require-pinned-signing-keys", "--pin-signing-key", "A=" + signingA)).assertOk();
    }

    @Test
    void aPinOfAnotherKeyRefusesThePairKeysSignedWithThePublishedOne() {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString()).assertOk();
        String other = Cli.run("keygen", "--signing-only", "--id", "X", "--out", out.toString()).assertOk().out().strip();

        Cli.Result result = Cli.run(decryptAsB(out, "--pin-signing-key", "A=" + other));
        assertThat(result.exitCode()).isEqualTo(ExitCodes.CRYPTO_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("publishes another signing key for 'A' than the one pinned", "decryption failed");
    }

    /**
     * The store replaces A's published signing key: without a pin, B no longer accepts {A→B}
     * (it cannot be told from a planted key); with the key A gave out of band, B reads as before.
     */
    @Test
    void aPinBeatsAPublishedKeyTheStoreReplaced() throws Exception {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString()).assertOk();
        Path dataset = out.resolve("dataset.json");
        String signingA = Cli.publishedSigningKey(dataset, "A").orElseThrow();
        String storeKey = Cli.run("keygen", "--signing-only", "--id", "S", "--out", out.toString()).assertOk().out().strip();
        ObjectNode document = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset");
        ((ObjectNode) document.at("/healthcareParties/0")).put("medcryptSigningKey", storeKey);
        Files.write(dataset, MedcryptJson.toPrettyString(document).getBytes(StandardCharsets.UTF_8));

        Cli.Result unpinned = Cli.run(decryptAsB(out, "--id", "1234"));
        assertThat(unpinned.exitCode()).isEqualTo(ExitCodes.CRYPTO_FAILURE);

        Cli.Result pinned = Cli.run(decryptAsB(out, "--id", "1234", "--pin-signing-key", "A=" + signingA)).assertOk();
        assertThat(pinned.out()).contains("Allergic to penicillin");
        assertThat(pinned.err()).contains("publishes another signing key for 'A'");
    }

    @Test
    void theTrustFlagReusesAnUnsignedPairKeyMadeByIcuresSdk() {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        byte[] before = Cli.bytes(dataset);
        List<String> share = List.of("share", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--with", "C", "--entity", "F-1");

        // by default, iCure's unsigned {A→C} is not shared under, and A has no key to sign a new one
        Cli.Result refused = Cli.run(share).assertFails(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("signing key");
        assertThat(Cli.bytes(dataset)).isEqualTo(before);

        List<String> trusting = new java.util.ArrayList<>(share);
        trusting.add("--trust-unsigned-pair-keys");
        Cli.Result shared = Cli.run(trusting).assertOk();
        assertThat(shared.out()).contains("shared with 'C': form 'F-1'").doesNotContain("created pair key");
        assertThat(shared.err()).contains("--trust-unsigned-pair-keys", "plant");
        assertThat(Cli.publishedSigningKey(dataset, "A")).isEmpty();

        JsonNode seenByC = readAsC(dir, "F-1");
        assertThat(seenByC.at("/forms/0/descr").asText()).contains("Referral letter to cardiology");
        assertThat(seenByC.at("/encryption/0/unsignedPairKey").asBoolean()).isTrue();
    }

    @Test
    void withASigningKeyAndNoTrustANewSignedPairKeyTakesOverIcuresSlot() {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        Path signing = Cli.signingKey(dir, "A");
        Cli.Result shared = Cli.run("share", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString(),
                "--with", "C", "--entity", "F-1").assertOk();
        assertThat(shared.out()).contains("created pair key {A→C}", "signed by 'A'", "shared with 'C': form 'F-1'");

        JsonNode f1 = readAsC(dir, "F-1");
        assertThat(f1.at("/forms/0/descr").asText()).contains("Referral letter to cardiology");
        assertThat(f1.at("/encryption/0/unsignedPairKey").asBoolean()).isFalse();
        // what iCure's SDK shared under the old {A→C} stays readable
        JsonNode patient = readAsC(dir, "1234");
        assertThat(patient.at("/patients/0/note").asText()).isNotBlank();
        assertThat(patient.at("/encryption/0/unsignedPairKey").asBoolean()).isTrue();
    }

    @Test
    void decryptTakesTheTrustFlagAndReadsTheSame() {
        Path dir = Cli.fixture(folder);
        List<String> args = List.of("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("B.pem").toString());
        List<String> trusting = new java.util.ArrayList<>(args);
        trusting.add("--trust-unsigned-pair-keys");
        assertThat(Cli.run(trusting).assertOk().out()).isEqualTo(Cli.run(args).assertOk().out());
    }

    private static JsonNode readAsC(Path dir, String id) {
        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString(),
                "--id", id).assertOk();
        return MedcryptJson.parseObject(result.out(), "output");
    }
}
