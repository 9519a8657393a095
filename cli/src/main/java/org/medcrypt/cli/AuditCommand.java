package org.medcrypt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.agility.AuditJson;
import org.medcrypt.agility.AuditMarkdown;
import org.medcrypt.agility.AuditReport;
import org.medcrypt.agility.KeyedAudit;
import org.medcrypt.agility.KeylessAudit;
import org.medcrypt.audit.cbom.AuditCbom;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = {
            "Reports what a dataset or store holds, for a crypto-agility review: parties and their RSA keys (size, key pairs, "
                    + "fingerprints, signing key), pair keys by suite, RSA-OAEP hash and signature, entities by type and "
                    + "suite, values by role and suite, v1 debt, quantum-vulnerable keys with NIST's transition dates, "
                    + "and structural anomalies.",
            "Without keys it needs none and reads the file, or the store's documents, as a stream (a dataset larger "
                    + "than the memory is fine); a progress line goes to stderr during long runs. With --as ID --key FILE... it adds what that party "
                    + "can open, what fails and why (ids by reason), and every pair-key copy for it: unwrapped or not, "
                    + "signed or not (this part reads a dataset file whole into memory, a store's documents "
                    + "one type at a time). Nothing is written.",
            "--format markdown (default, for people), json (described by docs/audit.schema.json) or cbom (a CycloneDX "
                    + "1.6 cryptography bill of materials)."})
final class AuditCommand implements Callable<Integer> {

    /** How long a run goes before a progress line, and how often one follows. */
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    enum Format { markdown, json, cbom }

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ProviderOption provider;

    @Option(names = "--dataset", paramLabel = "FILE", description = "The dataset JSON file (or give --store).")
    Path dataset;

    @Option(names = "--store", paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "The store instead of --dataset: " + StoreLocation.FORMS + ".")
    StoreLocation store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown, json or cbom (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--as", paramLabel = "ID", description = "With --key: also report what this party can open.")
    String partyId;

    @Option(names = "--key", paramLabel = "FILE",
            description = "With --as: that party's private keys (PKCS#8 PEM or hex; repeatable, e.g. old keys after a rotation).")
    List<Path> keyFiles;

    @Option(names = "--pin-signing-key", paramLabel = "ID=HEX",
            converter = {TrustOptions.PartyIdConverter.class, TrustOptions.SigningKeyConverter.class},
            description = "With --as: check party ID's pair-key signatures with this Ed25519 public key instead of the "
                    + "one its document publishes. Repeatable.")
    Map<String, String> pinnedSigningKeys = new LinkedHashMap<>();

    @Option(names = "--require-pinned-signing-keys",
            description = "With --as: count as readable only what is under pair keys signed by the party or checked with a pin.")
    boolean requirePinnedSigningKeys;

    @Override
    public Integer call() {
        boolean keyed = partyId != null || (keyFiles != null && !keyFiles.isEmpty());
        if (keyed && (partyId == null || keyFiles == null || keyFiles.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--as and --key go together: give both for what a party can open, or neither for the keyless audit");
        }
        if (!keyed && (!pinnedSigningKeys.isEmpty() || requirePinnedSigningKeys)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--pin-signing-key and --require-pinned-signing-keys need --as and --key");
        }
        if (dataset != null && store != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --dataset or --store, not both");
        }
        if (dataset == null && store == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing the documents: give --dataset FILE or --store URL");
        }
        if (store instanceof StoreLocation.JsonFile json) {
            dataset = json.path(); // a dataset file, exactly as --dataset
        }
        PrintWriter err = spec.commandLine().getErr();
        AuditReport report;
        String name;
        if (dataset != null) {
            if (!Files.exists(dataset)) {
                throw new UserInputException("dataset file " + dataset + " does not exist: check --dataset "
                        + "(run 'medcrypt demo --out DIR' to get one)");
            }
            if (Files.isDirectory(dataset)) {
                throw new UserInputException(dataset + " is a folder: --dataset takes a dataset JSON file");
            }
            report = KeylessAudit.of(dataset, progress(err, size(dataset), System::nanoTime));
            if (keyed) {
                report = report.withAccess(access(DatasetFile.read(dataset).store(), "dataset " + dataset));
            }
            name = String.valueOf(dataset.getFileName());
        } else {
            EntityStore documents = Stores.open(store, Stores.Mode.EXISTING).store();
            report = StoreAudit.keyless(documents, store.toString(), progress(err, -1, System::nanoTime));
            if (keyed) {
                report = report.withAccess(access(documents, "store " + store));
            }
            name = store.toString();
        }
        String text = switch (format) {
            case markdown -> AuditMarkdown.render(report);
            case json -> AuditJson.render(report);
            case cbom -> AuditJson.escapeControls(AuditCbom.toJson(report, name));
        };
        PrintWriter out = spec.commandLine().getOut();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return ExitCodes.OK;
    }

    /** What {@code --as} opens in {@code store} ({@code where}: "dataset F" or "store URL", for messages). */
    private AuditReport.PartyAccess access(EntityStore store, String where) {
        if (store.party(partyId).isEmpty()) {
            String known;
            try (java.util.stream.Stream<HealthcareParty> parties = store.scanParties()) {
                known = parties.limit(20).map(HealthcareParty::id).collect(Collectors.joining(", "));
            }
            throw new NotFoundException("healthcare party '" + partyId + "' is not in " + where + " (it has: "
                    + known + "): check --as");
        }
        pinnedSigningKeys.keySet().forEach(id -> store.party(id).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + id + "' is not in " + where + ": check --pin-signing-key " + id + "=…")));
        org.medcrypt.spi.CryptoProvider chosen = provider.provider();
        DataOwnerKeys keys;
        try (KeyFiles.LoadedKeys loaded = KeyFiles.readPrivateKeys(keyFiles)) {
            keys = DataOwnerKeys.fromPkcs8(partyId, chosen, loaded.pkcs8());
        } catch (KeyException e) {
            throw new KeyException(e.getMessage() + " (key files in order: " + keyFiles + ")");
        }
        KeyedAudit.Builder audit = KeyedAudit.builder().provider(chosen).store(store).dataOwner(keys)
                .requirePinnedSigningKeys(requirePinnedSigningKeys);
        pinnedSigningKeys.forEach(audit::pinSigningKey);
        return audit.build().run();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A line on stderr every two seconds once a run has taken two ({@code clock}: nanoseconds). */
    static KeylessAudit.Progress progress(PrintWriter err, long total, java.util.function.LongSupplier clock) {
        long start = clock.getAsLong();
        long[] last = {start};
        return (bytes, entities) -> {
            long now = clock.getAsLong();
            if (now - start < PROGRESS_NANOS || now - last[0] < PROGRESS_NANOS) {
                return;
            }
            last[0] = now;
            String read = total >= 0
                    ? String.format(Locale.ROOT, "%,d of %,d MB read", bytes >> 20, total >> 20)
                            + (total > 0 ? String.format(Locale.ROOT, " (%d %%)", bytes * 100 / total) : "")
                    : String.format(Locale.ROOT, "%,d MB read", bytes >> 20);
            err.println(String.format(Locale.ROOT, "medcrypt: audit: %s, %,d entities, %.0f s", read, entities,
                    (now - start) / 1e9));
            err.flush();
        };
    }
}
