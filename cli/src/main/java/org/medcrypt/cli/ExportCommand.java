package org.medcrypt.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {
            "Writes every document of a store into a dataset JSON file, streamed: documents go from the database's "
                    + "cursor to the file one at a time, never the whole store in memory.",
            "The file is written under a temporary name, forced to disk and renamed: it appears whole or not at all. "
                    + "An existing file is replaced only with --force.",
            "The export reads each collection in turn; writers working meanwhile may change documents between two "
                    + "collections (a store is not frozen for the export). Progress goes to stderr."})
final class ExportCommand implements Callable<Integer> {

    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--store", required = true, paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "The store to read: " + StoreLocation.FORMS + ".")
    StoreLocation store;

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = "The dataset JSON file to write.")
    Path dataset;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar when stderr is a terminal, else a line every two seconds), bar, lines or none.")
    Progress.Mode progress;

    @Override
    public Integer call() {
        if (Files.isDirectory(dataset)) {
            throw new UserInputException(dataset + " is a folder: --dataset takes the dataset JSON file to write");
        }
        if (Files.exists(dataset) && !force) {
            throw new UserInputException("file exists: " + dataset + " (add --force to replace it)");
        }
        if (store instanceof StoreLocation.JsonFile json && Files.exists(dataset) && sameFile(json.path(), dataset)) {
            throw new UserInputException("--dataset is the store itself: give another file");
        }
        EntityStore entities = Stores.open(store, Stores.Mode.EXISTING).store();
        Progress shown = Progress.start(progress, spec.commandLine().getErr(), "export", -1, System::nanoTime);
        long start = System.nanoTime();
        long[] counts = new long[1 + EntityType.values().length];
        CountingOutputStream[] written = new CountingOutputStream[1];
        DatasetFile.writeStreamed(dataset, out -> {
            written[0] = new CountingOutputStream(out);
            try (JsonGenerator json = WRITER.getFactory().createGenerator(written[0], JsonEncoding.UTF8)
                    .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
                json.useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeArrayFieldStart("healthcareParties");
                try (Stream<HealthcareParty> parties = entities.scanParties()) {
                    for (Iterator<HealthcareParty> it = parties.iterator(); it.hasNext(); ) {
                        json.writeTree(it.next().toJson());
                        counts[0]++;
                        shown.update(total(counts), written[0].count);
                    }
                }
                json.writeEndArray();
                for (EntityType type : EntityType.values()) {
                    json.writeArrayFieldStart(type.collection());
                    try (Stream<EncryptableEntity<?>> all = entities.scanEntities(type)) {
                        for (Iterator<EncryptableEntity<?>> it = all.iterator(); it.hasNext(); ) {
                            json.writeTree(it.next().toJson());
                            counts[1 + type.ordinal()]++;
                            shown.update(total(counts), written[0].count);
                        }
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        });
        shown.finish(total(counts), written[0].count);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder what = new StringBuilder(counts[0] + " healthcareParties");
        for (EntityType type : EntityType.values()) {
            what.append(", ").append(counts[1 + type.ordinal()]).append(' ').append(type.collection());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("exported " + total(counts) + " documents (" + what + ") from " + store + " to " + dataset
                + String.format(Locale.ROOT, " in %.1f s (%,.0f documents/s, %.1f MB)", seconds,
                        total(counts) / Math.max(seconds, 1e-3), written[0].count / 1e6));
        return ExitCodes.OK;
    }

    private static long total(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts the bytes written, for the progress and the summary. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
