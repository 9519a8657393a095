package org.medcrypt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code medcrypt} command: its subcommands do the work. */
@Command(name = "medcrypt",
        mixinStandardHelpOptions = true,
        versionProvider = MedcryptCommand.Version.class,
        description = {
            "iCure's delegation-based end-to-end encryption on dataset files and stores.",
            "A dataset is one JSON file: {\"healthcareParties\": [...], \"patients\": [...], \"contacts\": [...], "
                    + "\"forms\": [...], \"healthElements\": [...]}. A private key file holds PKCS#8 keys as PEM blocks "
                    + "(what 'medcrypt keygen' writes: the RSA key and the Ed25519 signing key) or as hex (what iCure exports).",
            "Instead of --dataset FILE, commands take --store URL: sqlite:PATH (an embedded SQLite file), "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE, or a .json dataset file; 'medcrypt import' and "
                    + "'medcrypt export' move documents between a dataset file and a store.",
            "Start with: medcrypt demo"},
        subcommands = {
            DemoCommand.class,
            ProvidersCommand.class,
            KeygenCommand.class,
            DecryptCommand.class,
            ContactsOfCommand.class,
            PatientOfCommand.class,
            ShareCommand.class,
            CreateCommand.class,
            AddPartyCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            AuditCommand.class,
            MigrateCommand.class,
            RevokeCommand.class,
            RotateCommand.class,
            GrantKeyUpdateCommand.class,
            CommandLine.HelpCommand.class})
final class MedcryptCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Read by {@link ExitCodes#verbose}; declared here so that every subcommand accepts it. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On error, also print the stack trace (never key material).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MedcryptCommand.class.getPackage().getImplementationVersion();
            return new String[] {"medcrypt " + (version == null ? "(development build)" : version)};
        }
    }
}
