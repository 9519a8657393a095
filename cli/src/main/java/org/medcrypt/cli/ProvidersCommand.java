package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medcrypt.MedcryptException;
import org.medcrypt.audit.cbom.ProviderCbom;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "providers", description = {"Lists the crypto providers found on the class path: id, version and library, the suites "
                + "they implement, and whether they can run here (or why not). The default is marked with *.",
            "With --format cbom: what each provider implements (the code behind every primitive, its own library's or "
                + "delegated) as a CycloneDX 1.6 cryptography bill of materials (JSON)."})
final class ProvidersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    enum Format { table, cbom }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or cbom (CycloneDX 1.6 JSON).")
    Format format;

    @Override
    public Integer call() {
        List<CryptoProvider> providers = CryptoProviders.all();
        PrintWriter out = spec.commandLine().getOut();
        if (providers.isEmpty()) {
            out.println("no crypto provider found on the class path");
            return ExitCodes.PROVIDER_PROBLEM;
        }
        if (format == Format.cbom) {
            out.println(ProviderCbom.toJson(providers));
            return ExitCodes.OK;
        }
        Optional<String> defaultId;
        try {
            defaultId = Optional.of(CryptoProviders.getDefault().id());
        } catch (MedcryptException e) {
            defaultId = Optional.empty();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PRIORITY", "VERSION AND LIBRARY", "SUITES", "STATUS"});
        for (CryptoProvider provider : providers) {
            boolean isDefault = defaultId.filter(provider.id()::equals).isPresent();
            rows.add(new String[] {
                (isDefault ? "* " : "  ") + provider.id(),
                String.valueOf(provider.priority()),
                provider.version().contains(provider.library())
                        ? provider.version() : provider.version() + " on " + provider.library(),
                provider.suites().stream().sorted().map(Suite::name).collect(Collectors.joining(",")),
                provider.availability().isAvailable() ? "available"
                        : "unavailable: " + ExitCodes.oneLine(provider.availability().reason())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        rows.get(0)[0] = "  " + rows.get(0)[0];
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        out.println(defaultId.map(id -> "* default: " + id + " (choose with --provider ID or -D"
                + CryptoProviders.PROVIDER_PROPERTY + "=ID)").orElse("no provider is available here"));
        return ExitCodes.OK;
    }
}
