package org.medcrypt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.medcrypt.ConflictException;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * A dataset file as the commands use it: read and validated once, and written back atomically
 * (temporary file, then rename), so that after any error the file is exactly what it was.
 *
 * <p>Two commands writing one file at once never lose a change: a write takes an exclusive lock
 * on the lock file {@code .NAME.lock} beside the dataset (a {@link FileLock}, so across processes;
 * plus a lock per file inside this JVM), checks under it that the file still has the SHA-256 it
 * had when this command read it, and only then renames its new version over it. If another
 * writer came first, nothing is written and a {@link ConflictException} says to run the command
 * again (exit {@link ExitCodes#CONFLICT}). The lock file is left in place: deleting it would let
 * two writers lock two different files. Readers take no lock (a rename is atomic).
 *
 * <p>Durability: the temporary file is forced to disk before the rename and the folder after
 * it, so that a crash after "updated" leaves the new file (where the platform lets a folder be
 * opened for that; Windows does not).
 *
 * <p>A dataset with two documents of one type and id is refused when read: rewriting it would
 * keep one of them and silently drop the other.
 */
final class DatasetFile implements OpenStore {

    /** Locks of this JVM, per file: a {@link FileLock} is held per process, not per thread. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Dataset dataset;
    private final InMemoryEntityStore store;
    /** SHA-256 of the bytes read, or empty for a file that did not exist. */
    private final Optional<byte[]> readDigest;

    private DatasetFile(Path path, Dataset dataset, Optional<byte[]> readDigest) {
        this.path = path;
        this.dataset = dataset;
        this.store = dataset.toStore();
        this.readDigest = readDigest;
    }

    /** Reads and validates {@code path}; errors say which file and what is wrong with it. */
    static DatasetFile read(Path path) {
        if (!Files.exists(path)) {
            throw new UserInputException("dataset file " + path + " does not exist: check --dataset "
                    + "(run 'medcrypt demo --out DIR' to get one)");
        }
        if (Files.isDirectory(path)) {
            throw new UserInputException(path + " is a folder: --dataset takes a dataset JSON file");
        }
        // bounded: a file over the cap is refused before it is read (a device that never ends, after the cap)
        byte[] bytes = KeyFiles.readBytes(path, "dataset file", "check --dataset",
                org.medcrypt.json.JsonLimits.MAX_DATASET_BYTES, "JsonLimits.MAX_DATASET_BYTES");
        String what = "dataset file " + path;
        ObjectNode json = MedcryptJson.parseObject(bytes, what);
        refuseDuplicateIds(json, what);
        return new DatasetFile(path, Dataset.fromJson(json), Optional.of(sha256(bytes)));
    }

    /** A dataset file that does not exist yet, to be created by {@link #write}; fails if it is created meanwhile. */
    static DatasetFile create(Path path) {
        return new DatasetFile(path, Dataset.empty(), Optional.empty());
    }

    /**
     * Refuses two documents of one type with one id: a store keeps one document per id, so a
     * rewrite would silently drop one of them.
     */
    static void refuseDuplicateIds(ObjectNode json, String what) {
        check(json, "healthcareParties", "healthcare party", what);
        for (EntityType type : EntityType.values()) {
            check(json, type.collection(), PartySession.describe(type), what);
        }
    }

    private static void check(ObjectNode json, String collection, String typeName, String what) {
        JsonNode list = json.get(collection);
        if (list == null || !list.isArray()) {
            return; // the dataset's own validation says what is wrong
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode document : list) {
            JsonNode id = document.get("id");
            if (id != null && id.isTextual() && !seen.add(id.asText())) {
                throw new FormatException(what + " holds " + typeName + " '" + id.asText() + "' twice (two documents in "
                        + collection + " with that id): medcrypt needs one document per id; remove or rename one of them");
            }
        }
    }

    /** The documents of the file, in memory; changes reach the file only through {@link #write}. */
    @Override
    public InMemoryEntityStore store() {
        return store;
    }

    @Override
    public StoreLocation location() {
        return new StoreLocation.JsonFile(path);
    }

    /** Writes the documents back: {@link #write} with this file's store. */
    @Override
    public void commit() {
        write(store);
    }

    @Override
    public void close() {
        // nothing held open: the file was read whole
    }

    /**
     * Replaces the file, atomically, with the documents of {@code changed} (other top-level
     * fields of the file are kept), if it is still what this command read. The file keeps its
     * permissions.
     *
     * @throws ConflictException if another writer changed the file since it was read (nothing is written)
     */
    @Override
    public void write(EntityStore changed) {
        byte[] bytes = bytes(dataset.with(changed));
        commit(path, bytes, true, readDigest);
    }

    /**
     * Writes {@code dataset} to {@code path} atomically whatever is there (the caller decided to
     * replace it); an existing file keeps its permissions.
     */
    static void write(Dataset dataset, Path path) {
        commit(path, bytes(dataset), false, Optional.empty());
    }

    /** Writes a file's content to a stream. */
    interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} from a stream of content, atomically (temporary file, forced, renamed,
     * folder forced), without holding it in memory; replaces whatever is there (the caller
     * decided to). A failure leaves the file as it was.
     */
    static void writeStreamed(Path file, Content content) {
        beforeWrite.run();
        Path target = target(file);
        ReentrantLock jvmLock = LOCKS.computeIfAbsent(target, key -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(lockFile(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            replace(file, target, channel -> {
                java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
            });
        } catch (IOException e) {
            throw new MedcryptException("cannot write dataset file " + file + ": " + describe(e), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private static Path target(Path file) {
        try {
            return Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new MedcryptException("cannot write dataset file " + file + ": " + describe(e), e);
        }
    }

    private static Path lockFile(Path target) {
        return target.getParent().resolve("." + target.getFileName() + ".lock");
    }

    private static byte[] bytes(Dataset dataset) {
        return (MedcryptJson.toPrettyString(dataset.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Called before a write takes its lock; tests use it to make two commands read before either writes. */
    static volatile Runnable beforeWrite = () -> { };

    /**
     * Under the locks, checks (if {@code check}) that the file is what was read ({@code expected}:
     * the SHA-256 read, empty for no file), then writes the temporary file, forces it, renames it
     * over the target and forces the folder.
     */
    private static void commit(Path file, byte[] bytes, boolean check, Optional<byte[]> expected) {
        beforeWrite.run();
        Path target = target(file);
        ReentrantLock jvmLock = LOCKS.computeIfAbsent(target, key -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(lockFile(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            if (check) {
                refuseIfChanged(file, target, expected);
            }
            replace(file, target, channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
        } catch (IOException e) {
            throw new MedcryptException("cannot write dataset file " + file + ": " + describe(e), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private static void refuseIfChanged(Path file, Path target, Optional<byte[]> expected) throws IOException {
        Optional<byte[]> now;
        try {
            now = Optional.of(sha256(Files.readAllBytes(target)));
        } catch (NoSuchFileException e) {
            now = Optional.empty();
        }
        boolean same = now.isPresent() == expected.isPresent()
                && (now.isEmpty() || MessageDigest.isEqual(now.get(), expected.get()));
        if (!same) {
            throw new ConflictException("dataset file " + file + " changed since this command read it (another command "
                    + "or program " + (expected.isEmpty() ? "created" : now.isEmpty() ? "removed" : "wrote") + " it): "
                    + "nothing was written; run the command again");
        }
    }

    private interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    private static void replace(Path file, Path target, ChannelWriter writer) throws IOException {
        Path folder = target.getParent();
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(channel);
                channel.force(true); // on disk before the rename makes it visible
            }
            if (Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new MedcryptException("cannot replace " + file + " atomically on this file system: "
                        + "write the dataset to a local disk");
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename durable: the folder's entry, not only the file's bytes, on disk. */
    static void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // a folder cannot be opened here (Windows): the rename is as durable as the platform makes it
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** The reason without the exception's class name (the message is one line for the user). */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
            return ExitCodes.describeIo(e);
        }
        return e.getMessage() == null ? "i/o error" : e.getMessage();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
