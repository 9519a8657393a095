package org.medcrypt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.medcrypt.KeyException;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PrivateKeyText;

/**
 * Key files: reading private keys (PKCS#8 as PEM or hex, several to a file) with errors that name
 * the file but never quote it, and writing key files (private ones readable by their owner only).
 *
 * <p>medcrypt writes a private key file as PEM {@code PRIVATE KEY} blocks (RFC 7468), one block a
 * key: {@code ID.key} holds the RSA key then the Ed25519 signing key, {@code ID.signing.key} the
 * signing key alone. Any tool that reads PKCS#8 PEM reads each block ({@code openssl pkey} the first).
 */
final class KeyFiles {

    private static final byte[] PEM_BEGIN = "-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_END = "\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);

    // PKCS#8 v1 { version 0, { id-Ed25519 }, OCTET STRING { OCTET STRING seed } } (RFC 8410 §7), 48 bytes in all
    private static final byte[] ED25519_PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };

    /**
     * Bytes of a key file (private or public) read: one RSA-16384 key in PEM takes about 13,000, so
     * a file of many keys kept after rotations fits; a larger one is not a key file.
     */
    static final int MAX_KEY_FILE_BYTES = 1_000_000;

    private KeyFiles() {
    }

    /**
     * The private keys of {@code --key} files: PKCS#8 DER in file order, each with the file it came
     * from. Owns the arrays: {@link #close()} wipes them.
     */
    static final class LoadedKeys implements AutoCloseable {
        private final List<byte[]> pkcs8 = new ArrayList<>();
        private final List<Path> sources = new ArrayList<>();

        List<byte[]> pkcs8() {
            return pkcs8;
        }

        /** The file of the {@code index}-th key. */
        Path source(int index) {
            return sources.get(index);
        }

        /** The file of the {@code index}-th RSA key (signing keys not counted), as {@link DataOwnerKeys} orders them. */
        Path sourceOfRsaKey(int index) {
            int seen = 0;
            for (int i = 0; i < pkcs8.size(); i++) {
                if (!isEd25519(pkcs8.get(i)) && seen++ == index) {
                    return sources.get(i);
                }
            }
            throw new IndexOutOfBoundsException(index);
        }

        /** The file of the first Ed25519 signing key, the one that signs new pair keys. */
        Optional<Path> sourceOfCurrentSigningKey() {
            for (int i = 0; i < pkcs8.size(); i++) {
                if (isEd25519(pkcs8.get(i))) {
                    return Optional.of(sources.get(i));
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            wipe(pkcs8);
        }
    }

    /** Every key of each file, in order; the caller closes the result, which wipes the keys. */
    static LoadedKeys readPrivateKeys(List<Path> files) {
        LoadedKeys loaded = new LoadedKeys();
        for (Path file : files) {
            byte[] text = readBytes(file, "key file", "check --key", MAX_KEY_FILE_BYTES);
            try {
                List<byte[]> keys = PrivateKeyText.parseAllPkcs8(text);
                loaded.pkcs8.addAll(keys);
                keys.forEach(key -> loaded.sources.add(file));
            } catch (KeyException e) {
                loaded.close();
                throw new KeyException("key file " + file + ": " + e.getMessage());
            } finally {
                Arrays.fill(text, (byte) 0);
            }
        }
        return loaded;
    }

    /** Whether {@code pkcs8} is an RFC 8410 Ed25519 private key (a signing key) rather than an RSA key. */
    static boolean isEd25519(byte[] pkcs8) {
        return pkcs8.length == ED25519_PKCS8_PREFIX.length + 32 && Arrays.equals(pkcs8, 0, ED25519_PKCS8_PREFIX.length,
                ED25519_PKCS8_PREFIX, 0, ED25519_PKCS8_PREFIX.length);
    }

    /**
     * PEM {@code PRIVATE KEY} blocks, one per key in order, as ASCII bytes (so a secret never
     * becomes an immutable String); the caller wipes the result.
     */
    static byte[] pem(List<byte[]> pkcs8Keys) {
        List<byte[]> parts = new ArrayList<>();
        try {
            for (byte[] der : pkcs8Keys) {
                parts.add(PEM_BEGIN);
                parts.add(Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der));
                parts.add(PEM_END);
            }
            byte[] out = new byte[parts.stream().mapToInt(part -> part.length).sum()];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return out;
        } finally {
            parts.stream().filter(part -> part != PEM_BEGIN && part != PEM_END).forEach(part -> Arrays.fill(part, (byte) 0));
        }
    }

    /**
     * The bytes of a small input file, at most {@code maxBytes} of them, or a
     * {@link UserInputException} saying what to check. A larger file (or a device that never
     * ends) is refused after reading {@code maxBytes + 1}, and what was read is wiped.
     */
    static byte[] readBytes(Path file, String what, String whatToCheck, long maxBytes) {
        return readBytes(file, what, whatToCheck, maxBytes, maxBytes == MAX_KEY_FILE_BYTES ? "MAX_KEY_FILE_BYTES"
                : "JsonLimits.MAX_DOCUMENT_BYTES");
    }

    /** Same as {@link #readBytes(Path, String, String, long)}, the limit named {@code limitName} in the error. */
    static byte[] readBytes(Path file, String what, String whatToCheck, long maxBytes, String limitName) {
        if (!Files.exists(file)) {
            throw new UserInputException(what + " " + file + " does not exist: " + whatToCheck);
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(what + " " + file + " is a folder, not a file: " + whatToCheck);
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw tooLarge(file, what, whatToCheck, maxBytes, limitName); // refused before reading
            }
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UserInputException("cannot read " + what + " " + file + ": " + ExitCodes.describeIo(e));
        }
        if (bytes.length > maxBytes) {
            Arrays.fill(bytes, (byte) 0);
            throw tooLarge(file, what, whatToCheck, maxBytes, limitName);
        }
        return bytes;
    }

    private static UserInputException tooLarge(Path file, String what, String whatToCheck, long maxBytes, String limitName) {
        return new UserInputException(String.format(java.util.Locale.ROOT, "%s %s is larger than %,d bytes (limit %s): %s",
                what, file, maxBytes, limitName, whatToCheck));
    }

    /** The text of a small public input file (a public key), or a {@link UserInputException} saying what to check. */
    static String readText(Path file, String what, String whatToCheck) {
        return new String(readBytes(file, what, whatToCheck, MAX_KEY_FILE_BYTES), StandardCharsets.US_ASCII);
    }

    static void wipe(List<byte[]> keys) {
        keys.forEach(key -> Arrays.fill(key, (byte) 0));
    }

    /** Fails if a file that would be written exists already and {@code overwrite} is false. */
    static void refuseToOverwrite(List<Path> files, boolean overwrite) {
        if (overwrite) {
            return;
        }
        for (Path file : files) {
            if (Files.exists(file)) {
                throw new UserInputException(file + " already exists: choose another folder or id, "
                        + "or pass --force to replace it");
            }
        }
    }

    /** Writes a file readable by its owner only (mode 0600 where POSIX), created that way. */
    static void writePrivate(Path file, byte[] content, boolean overwrite) {
        write(file, content, overwrite, "rw-------");
    }

    static void writePublic(Path file, byte[] content, boolean overwrite) {
        write(file, content, overwrite, "rw-r--r--");
    }

    private static void write(Path file, byte[] content, boolean overwrite, String mode) {
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            // a temporary file is created 0600 on POSIX, so a private key is never readable by others
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            // on disk before the rename makes it visible, and the rename on disk before we say it is written
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            setMode(temporary, mode);
            if (overwrite) {
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(temporary, target);
            }
            temporary = null;
            syncDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new UserInputException(file + " already exists: pass --force to replace it");
        } catch (IOException e) {
            throw new UserInputException("cannot write " + file + ": " + ExitCodes.describeIo(e));
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // hidden and harmless
                }
            }
        }
    }

    /**
     * Makes a rename in {@code folder} durable (fsync of the folder). Where a folder cannot be
     * opened for that (Windows), the file system orders it itself and nothing is done.
     */
    static void syncDirectory(Path folder) throws IOException {
        java.nio.channels.FileChannel channel;
        try {
            channel = java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    private static void setMode(Path file, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            boolean everyone = mode.endsWith("r--");
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, !everyone);
            file.toFile().setWritable(true, true);
        }
    }
}
