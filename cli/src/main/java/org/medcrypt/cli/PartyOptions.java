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
            description = "Private key of that party: PKCS#8 as hex or PEM. Repeat for old keys after "
                    + "key rotation (each is tried).")
    List<Path> keyFiles;
}
