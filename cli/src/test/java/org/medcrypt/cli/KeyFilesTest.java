package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing key files: bounded reads, wiped buffers, private files created private. */
class KeyFilesTest {

    @TempDir
    Path folder;

    @Test
    void closingTheLoadedKeysWipesEveryParsedKey() {
        Path dir = Cli.fixture(folder);
        Path signing = Cli.signingKey(dir, "A");
        KeyFiles.LoadedKeys loaded = KeyFiles.readPrivateKeys(List.of(dir.resolve("A.pkcs8.hex"), dir.resolve("B.pem"), signing));
        List<byte[]> keys = loaded.pkcs8();
        assertThat(keys).hasSize(3).allSatisfy(key -> assertThat(nonZero(key)).isPositive());

        loaded.close();

        assertThat(keys).allSatisfy(key -> assertThat(nonZero(key)).as("bytes left after close").isZero());
    }

    @Test
    void aFileOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        Path file = folder.resolve("f");
        Files.write(file, new byte[KeyFiles.MAX_KEY_FILE_BYTES]);
        assertThat(KeyFiles.readBytes(file, "key file", "check --key", KeyFiles.MAX_KEY_FILE_BYTES))
                .hasSize(KeyFiles.MAX_KEY_FILE_BYTES);
        Files.write(file, new byte[KeyFiles.MAX_KEY_FILE_BYTES + 1]);
        assertThatThrownBy(() -> KeyFiles.readBytes(file, "key file", "check --key", KeyFiles.MAX_KEY_FILE_BYTES))
                .isInstanceOf(UserInputException.class).hasMessageContaining("MAX_KEY_FILE_BYTES");
    }

    @Test
    void aPrivateKeyFileIsWrittenWholeAndReadableByItsOwnerOnly() throws Exception {
        Path file = folder.resolve("sub").resolve("X.key");
        byte[] content = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        KeyFiles.writePrivate(file, content, false);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("X.key");
        }
        assertThatThrownBy(() -> KeyFiles.writePrivate(file, content, false)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("already exists");
    }

    private static long nonZero(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            count += b == 0 ? 0 : 1;
        }
        return count;
    }
}
