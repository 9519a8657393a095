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
import java.util.List;
import org.medcrypt.KeyException;
import org.medcrypt.keys.PrivateKeyText;

/**
 * Key files: reading private keys (PKCS#8 as hex or PEM) with errors that name the file but
 * never quote it, and writing key files (private ones readable by their owner only).
 */
final class KeyFiles {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private KeyFiles() {
    }

    /** The PKCS#8 DER of each file, in order; the caller owns and wipes the arrays. */
    static List<byte[]> readPrivateKeys(List<Path> files) {
        List<byte[]> keys = new ArrayList<>(files.size());
        for (Path file : files) {
            String text = readText(file, "key file", "check --key");
            try {
                keys.add(PrivateKeyText.parsePkcs8(text));
            } catch (KeyException e) {
                wipe(keys);
                throw new KeyException("key file " + file + ": " + e.getMessage());
            }
        }
        return keys;
    }

    /** The text of a small input file, or a {@link UserInputException} saying what to check. */
    static String readText(Path file, String what, String whatToCheck) {
        if (!Files.exists(file)) {
            throw new UserInputException(what + " " + file + " does not exist: " + whatToCheck);
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(what + " " + file + " is a folder, not a file: " + whatToCheck);
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + what + " " + file + ": " + ExitCodes.describeIo(e));
        }
    }

    static void wipe(List<byte[]> keys) {
        keys.forEach(key -> Arrays.fill(key, (byte) 0));
    }

    /** Lower-case hex as ASCII bytes, so a secret never becomes an immutable String. */
    static byte[] hexAscii(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2 + 1];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        out[out.length - 1] = '\n';
        return out;
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
            Files.write(temporary, content);
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
