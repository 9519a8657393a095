package org.medcrypt.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --dataset F --as ID --key FILE...}: a data owner working on a dataset file. */
final class PartyOptions {

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = "The dataset JSON file.")
    Path dataset;

    @Option(names = "--as", required = true, paramLabel = "ID",
            description = "Id of the healthcare party you act as (in the dataset's healthcareParties).")
    String partyId;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Private keys of that party: a file of PKCS#8 keys as PEM blocks or hex, such as ID.key from "
                    + "'medcrypt keygen' (RSA and signing key) or ID.signing.key. Repeatable: add old RSA keys after a key "
                    + "rotation (each is tried), or a signing key kept apart from an RSA key made by iCure's SDK.")
    List<Path> keyFiles;
}
