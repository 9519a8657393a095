package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Runs the command in this JVM, as {@code Main} does, with captured output. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        Result assertOk() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            return this;
        }

        /** Fails unless the run failed with {@code code} and one clean line on stderr. */
        Result assertFails(int code) {
            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(code);
            assertThat(err).startsWith("medcrypt: ");
            assertThat(err.strip().lines()).as("one line of error, no stack trace: %s", err).hasSize(
                    code == ExitCodes.USAGE ? 2 : 1);
            assertThat(err).doesNotContain("\tat ", "Exception:");
            return this;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    /** The iCure v1 fixture folder (set by the build), copied into {@code folder}. */
    static Path fixture(Path folder) {
        Path source = Path.of(System.getProperty("medcrypt.fixtures",
                "../provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1"));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** {@code keygen --signing-only} for {@code party} into {@code folder}: the new {@code party.signing.key}. */
    static Path signingKey(Path folder, String party) {
        run("keygen", "--signing-only", "--id", party, "--out", folder.toString()).assertOk();
        return folder.resolve(party + ".signing.key");
    }

    /** The published signing key (medcryptSigningKey) of a party in a dataset file, if any. */
    static java.util.Optional<String> publishedSigningKey(Path dataset, String party) {
        for (var document : org.medcrypt.json.MedcryptJson.parseObject(bytes(dataset), "dataset").get("healthcareParties")) {
            if (document.path("id").asText().equals(party)) {
                return java.util.Optional.ofNullable(document.get("medcryptSigningKey")).map(node -> node.asText());
            }
        }
        throw new AssertionError("no party " + party);
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
