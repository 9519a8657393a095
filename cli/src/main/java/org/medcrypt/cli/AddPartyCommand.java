package org.medcrypt.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.medcrypt.ConflictException;
import org.medcrypt.KeyException;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "add-party", description = {
            "Registers a healthcare party with its RSA public key in the dataset file or store, so that others can "
                    + "share with it (e.g. a party made with 'medcrypt keygen').",
            "An id that is already there is refused. A dataset file is replaced atomically; a store given with --store "
                    + "is created if it does not exist yet (sqlite:PATH makes a new SQLite file)."})
final class AddPartyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ProviderOption provider;

    @Option(names = "--dataset", paramLabel = "FILE", description = "The dataset JSON file (or give --store).")
    Path dataset;

    @Option(names = "--store", paramLabel = "URL", converter = StoreLocation.Converter.class,
            description = "The store instead of --dataset, created if missing: " + StoreLocation.FORMS + ".")
    StoreLocation store;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Id of the new party.")
    String id;

    @Option(names = "--public-key", required = true, paramLabel = "HEX_OR_FILE",
            description = "Its public key: SubjectPublicKeyInfo as hex, or a file holding it (such as ID.pub).")
    String publicKey;

    @Override
    public Integer call() {
        if (id.isBlank()) {
            throw new UserInputException("--id must not be blank");
        }
        StoreLocation location = PartyOptions.location(spec, dataset, this.store);
        String spkiHex = readPublicKey();
        OpenStore file = Stores.open(location, this.store != null ? Stores.Mode.CREATE : Stores.Mode.EXISTING);
        EntityStore store = file.store();
        if (store.party(id).isPresent()) {
            throw new UserInputException("healthcare party '" + id + "' is already in dataset " + location
                    + ": choose another --id (replacing a party's key is key rotation, which this command does not do)");
        }
        // only if the id is still free when it lands: another command may add the same id meanwhile
        UpdateResult result = store.apply(StoreUpdate.builder().expectParty(id, Optional.empty())
                .save(HealthcareParty.of(id, spkiHex)).build());
        if (!result.applied()) {
            throw new ConflictException("another command added healthcare party '" + id + "' to " + location
                    + " meanwhile: nothing was written; run the command again (it then says whether the id is taken)");
        }
        file.commit();
        spec.commandLine().getOut().println("added healthcare party '" + id + "' (public key …"
                + spkiHex.substring(spkiHex.length() - 32) + ") to " + location);
        return ExitCodes.OK;
    }

    /** Lower-case SPKI hex, checked to be an RSA public key the provider accepts. */
    private String readPublicKey() {
        String text = publicKey.strip();
        boolean hexGiven = text.length() >= 64 && text.matches("(?i)[0-9a-f\\s]+");
        if (!hexGiven) {
            Path file;
            try {
                file = Path.of(text);
            } catch (InvalidPathException e) {
                throw new KeyException("--public-key is neither hex nor the name of a file: give SubjectPublicKeyInfo "
                        + "as hex, or a file holding it such as the ID.pub written by 'medcrypt keygen'");
            }
            text = KeyFiles.readText(file, "public key file",
                    "give the public key as hex or as a file holding it (such as ID.pub)").strip();
        }
        String hex = text.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]+") || hex.length() % 2 != 0) {
            throw new KeyException("the public key is not hex: give SubjectPublicKeyInfo (DER) as hex, "
                    + "e.g. the ID.pub file written by 'medcrypt keygen'");
        }
        CryptoProvider crypto = provider.provider();
        try {
            crypto.rsaOaep().importPublicKey(HexFormat.of().parseHex(hex));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyException("the public key is not an RSA SubjectPublicKeyInfo of 2048 to 8192 bits "
                    + "(provider " + crypto.id() + " refused it): check --public-key");
        }
        return hex;
    }
}
