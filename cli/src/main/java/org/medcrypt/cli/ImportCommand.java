package org.medcrypt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.medcrypt.ConflictException;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", description = {
            "Copies every document of a dataset JSON file into a store (SQLite or PostgreSQL), streamed: the file is "
                    + "read one document at a time, twice.",
            "The first pass checks every document and that none of their ids is in the store yet; a bad or repeated "
                    + "document, or an id already stored, stops the import before anything is written (exit 3). The "
                    + "second pass saves the documents in batches (--batch), each one transaction that lands only if "
                    + "its ids are still free: if another writer adds one meanwhile, the import stops with exit 7 and "
                    + "says how many documents it saved.",
            "Without --store, the documents go into a new SQLite file beside the dataset (F.json → F.db): SQLite is "
                    + "medcrypt's default for a new store. Progress goes to stderr."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = "The dataset JSON file to read.")
    Path dataset;

    @Option(names = "--store", paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "Where to put the documents: " + StoreLocation.FORMS + " (created if missing). "
                    + "Default: sqlite:FILE with .json replaced by .db.")
    StoreLocation store;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "2000",
            description = "Documents per transaction (1 to 50000; default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar when stderr is a terminal, else a line every two seconds), bar, lines or none.")
    Progress.Mode progress;

    @Override
    public Integer call() {
        if (batch < 1 || batch > 50_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch must be between 1 and 50000");
        }
        if (!Files.isRegularFile(dataset)) {
            throw new UserInputException(Files.isDirectory(dataset)
                    ? dataset + " is a folder: --dataset takes a dataset JSON file"
                    : "dataset file " + dataset + " does not exist: check --dataset");
        }
        StoreLocation target = store != null ? store : defaultStore(dataset);
        if (target instanceof StoreLocation.JsonFile json && sameFile(json.path(), dataset)) {
            throw new UserInputException("--store is the dataset file itself: give another store");
        }
        PrintWriter err = spec.commandLine().getErr();
        long size = size(dataset);
        OpenStore opened = Stores.open(target, Stores.Mode.CREATE);
        EntityStore entities = opened.store();

        // pass 1: every document valid, no id twice, none already stored; nothing is written
        Batches check = new Batches(entities, batch, false);
        Progress checking = Progress.start(progress, err, "import: checking", size, System::nanoTime);
        List<String> others = new ArrayList<>();
        long total = DatasetReader.read(dataset, new DatasetReader.Visitor() {
            @Override
            public void party(HealthcareParty party) {
                check.add(party);
            }

            @Override
            public void entity(EncryptableEntity<?> entity) {
                check.add(entity);
            }

            @Override
            public void otherField(String name) {
                others.add(name);
            }

            @Override
            public void progress(long documents, long bytes) {
                checking.update(documents, bytes);
            }
        });
        check.flush();
        checking.finish(total, size);

        // pass 2: save, in batches, each conditional on its ids being still free
        long start = System.nanoTime();
        Batches save = new Batches(entities, batch, true);
        Progress saving = Progress.start(progress, err, "import", size, System::nanoTime);
        DatasetReader.read(dataset, new DatasetReader.Visitor() {
            @Override
            public void party(HealthcareParty party) {
                save.add(party);
            }

            @Override
            public void entity(EncryptableEntity<?> entity) {
                save.add(entity);
            }

            @Override
            public void progress(long documents, long bytes) {
                saving.update(save.saved, bytes);
            }
        });
        save.flush();
        opened.commit();
        saving.finish(save.saved, size);
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter out = spec.commandLine().getOut();
        out.println("imported " + save.saved + " documents (" + save.counts() + ") from " + dataset + " into " + target
                + String.format(Locale.ROOT, " in %.1f s (%,.0f documents/s)", seconds, save.saved / Math.max(seconds, 1e-3)));
        if (!others.isEmpty()) {
            err.println("medcrypt: note: top-level fields of " + dataset + " that a store does not keep were not imported: "
                    + String.join(", ", others));
        }
        return ExitCodes.OK;
    }

    /** F.json → sqlite:F.db, beside it. */
    static StoreLocation defaultStore(Path dataset) {
        String name = dataset.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return StoreLocation.sqlite(dataset.resolveSibling(base + ".db"));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Documents gathered into batches. Checking: refuses an id already stored (one look-up per
     * batch and type). Saving: one conditional update per batch (every id expected absent).
     */
    private final class Batches {
        private final EntityStore store;
        private final int size;
        private final boolean write;
        private final List<HealthcareParty> parties = new ArrayList<>();
        private final Map<EntityType, List<EncryptableEntity<?>>> entities = new EnumMap<>(EntityType.class);
        private final Map<String, Long> counts = new java.util.LinkedHashMap<>();
        private int pending;
        long saved;

        Batches(EntityStore store, int size, boolean write) {
            this.store = store;
            this.size = size;
            this.write = write;
            counts.put("healthcareParties", 0L);
            for (EntityType type : EntityType.values()) {
                counts.put(type.collection(), 0L);
            }
        }

        void add(HealthcareParty party) {
            parties.add(party);
            added();
        }

        void add(EncryptableEntity<?> entity) {
            entities.computeIfAbsent(entity.type(), t -> new ArrayList<>()).add(entity);
            added();
        }

        private void added() {
            if (++pending >= size) {
                flush();
            }
        }

        void flush() {
            if (pending == 0) {
                return;
            }
            if (write) {
                save();
            } else {
                refuseStored();
            }
            counts.merge("healthcareParties", (long) parties.size(), Long::sum);
            entities.forEach((type, list) -> counts.merge(type.collection(), (long) list.size(), Long::sum));
            parties.clear();
            entities.clear();
            pending = 0;
        }

        private void refuseStored() {
            Set<String> ids = new LinkedHashSet<>();
            parties.forEach(party -> ids.add(party.id()));
            store.parties(ids).keySet().stream().findFirst().ifPresent(id -> {
                throw new UserInputException("healthcare party '" + id + "' of " + dataset + " is already in store "
                        + target() + ": import adds documents, it does not replace them; nothing was imported");
            });
            entities.forEach((type, list) -> {
                List<String> entityIds = list.stream().map(EncryptableEntity::id).toList();
                store.entities(type, entityIds).keySet().stream().findFirst().ifPresent(id -> {
                    throw new UserInputException(PartySession.describe(type) + " '" + id + "' of " + dataset
                            + " is already in store " + target() + ": import adds documents, it does not replace them; "
                            + "nothing was imported");
                });
            });
        }

        private void save() {
            StoreUpdate.Builder update = StoreUpdate.builder();
            parties.forEach(party -> update.expectParty(party.id(), Optional.empty()).save(party));
            entities.values().forEach(list -> list.forEach(entity ->
                    update.expectAbsent(entity.type(), entity.id()).save(entity)));
            UpdateResult result = store.apply(update.build());
            if (!result.applied()) {
                throw new ConflictException("another writer added " + result.conflicts().get(0) + " to store " + target()
                        + " during the import: the import stopped; " + saved + " documents were saved before it (the "
                        + "batches before this one); remove them or import the rest by hand, then run the command again");
            }
            saved += pending;
        }

        private StoreLocation target() {
            return store == null ? null : ImportCommand.this.store != null ? ImportCommand.this.store : defaultStore(dataset);
        }

        String counts() {
            StringBuilder text = new StringBuilder();
            counts.forEach((collection, count) -> {
                if (count > 0) {
                    text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(collection);
                }
            });
            return text.length() == 0 ? "none" : text.toString();
        }
    }
}
