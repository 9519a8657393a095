package org.medcrypt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the store a command names ({@link StoreLocation}) and closes, when the command ends,
 * every store the command opened (see {@link Main#commandLine}): a command runs on the thread
 * that executes it, so the stores it opened are kept per thread.
 *
 * <p>Commands that only read, or change what is there, need an existing store
 * ({@link Mode#EXISTING}): a mistyped {@code sqlite:} path is an error, not a new empty database.
 * Commands that add documents ({@code add-party}, {@code import}) create a missing SQLite file
 * or dataset file ({@link Mode#CREATE}).
 */
final class Stores {

    /** Whether a missing store is an error or is created. */
    enum Mode { EXISTING, CREATE }

    private static final ThreadLocal<List<OpenStore>> OPENED = ThreadLocal.withInitial(ArrayList::new);

    private Stores() {
    }

    /**
     * Opens {@code location}.
     *
     * @throws UserInputException if it does not exist ({@link Mode#EXISTING}) or cannot be opened
     */
    static OpenStore open(StoreLocation location, Mode mode) {
        OpenStore store;
        if (location instanceof StoreLocation.JsonFile json) {
            Path path = json.path();
            store = mode == Mode.CREATE && !Files.exists(path) ? DatasetFile.create(path) : DatasetFile.read(path);
        } else {
            StoreLocation.Database database = (StoreLocation.Database) location;
            if (database.kind() == StoreLocation.Database.Kind.SQLITE) {
                Path file = database.sqliteFile();
                if (Files.isDirectory(file)) {
                    throw new UserInputException(file + " is a folder: sqlite:PATH names a database file");
                }
                if (mode == Mode.EXISTING && !Files.exists(file)) {
                    throw new UserInputException("store " + location + " does not exist (no file " + file + "): check "
                            + "--store, or create it with 'medcrypt import --dataset FILE --store " + location
                            + "' or 'medcrypt add-party --store " + location + " …'");
                }
                if (!Files.exists(file)) {
                    createPrivate(file);
                }
            }
            store = DatabaseStore.open(database);
        }
        OPENED.get().add(store);
        return store;
    }

    /**
     * A new SQLite file readable by its owner only, as a new dataset file is: SQLite gives its
     * journal files the database file's permissions.
     */
    private static void createPrivate(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null && Files.getFileStore(file.toAbsolutePath().getParent())
                    .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another command created it meanwhile: open it
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot create store file " + file + ": " + e.getMessage());
        }
    }

    /** Closes the stores this thread opened, most recent first. */
    static void closeOpened() {
        List<OpenStore> opened = OPENED.get();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
