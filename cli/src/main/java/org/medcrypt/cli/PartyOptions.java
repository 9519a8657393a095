package org.medcrypt.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --dataset F | --store URL, --as ID --key FILE...}: a data owner working on a store. */
final class PartyOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--dataset", paramLabel = "FILE", description = "The dataset JSON file (or give --store).")
    Path dataset;

    @Option(names = "--store", paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "The store instead of --dataset: " + StoreLocation.FORMS + ".")
    StoreLocation store;

    @Option(names = "--as", required = true, paramLabel = "ID",
            description = "Id of the healthcare party you act as (in the dataset's healthcareParties).")
    String partyId;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Private keys of that party: a file of PKCS#8 keys as PEM blocks or hex, such as ID.key from "
                    + "'medcrypt keygen' (RSA and signing key) or ID.signing.key. Repeatable: add old RSA keys after a key "
                    + "rotation (each is tried), or a signing key kept apart from an RSA key made by iCure's SDK.")
    List<Path> keyFiles;

    /** The store named by {@code --dataset} or {@code --store}: exactly one of them (a usage error otherwise). */
    StoreLocation location() {
        return location(command, dataset, store);
    }

    static StoreLocation location(CommandSpec command, Path dataset, StoreLocation store) {
        if (dataset != null && store != null) {
            throw new ParameterException(command.commandLine(), "give --dataset or --store, not both");
        }
        if (dataset == null && store == null) {
            throw new ParameterException(command.commandLine(), "missing the documents: give --dataset FILE or --store URL");
        }
        return store != null ? store : new StoreLocation.JsonFile(dataset);
    }
}
