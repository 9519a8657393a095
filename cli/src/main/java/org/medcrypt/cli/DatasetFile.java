package org.medcrypt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medcrypt.json.Dataset;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * A dataset file as the commands use it: read and validated once, and written back atomically
 * (temporary file, then rename), so that after any error the file is exactly what it was.
 */
final class DatasetFile {

    private final Path path;
    private final Dataset dataset;
    private final InMemoryEntityStore store;

    private DatasetFile(Path path, Dataset dataset) {
        this.path = path;
        this.dataset = dataset;
        this.store = dataset.toStore();
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UserInputException("cannot read dataset file " + path + ": " + ExitCodes.describeIo(e));
        }
        return new DatasetFile(path, Dataset.parse(bytes, "dataset file " + path));
    }

    Path path() {
        return path;
    }

    /** The documents of the file, in memory; changes reach the file only through {@link #write}. */
    InMemoryEntityStore store() {
        return store;
    }

    /**
     * Replaces the file, atomically, with the documents of {@code changed} (other top-level
     * fields of the file are kept). The file keeps its permissions.
     */
    void write(EntityStore changed) {
        write(dataset.with(changed), path);
    }

    /** Writes {@code dataset} to {@code path} atomically; an existing file keeps its permissions. */
    static void write(Dataset dataset, Path path) {
        dataset.writeAtomically(path);
    }
}
