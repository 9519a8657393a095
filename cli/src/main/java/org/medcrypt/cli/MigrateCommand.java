package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.medcrypt.agility.DelegateOutcome;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.MigrationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", description = {
            "Re-encrypts, from iCure's v1 format to medcrypt's authenticated v2, every entity you can read, and updates "
                    + "the dataset file once, atomically (after any error it is unchanged).",
            "For every delegate an entity lists, you write new v2 entries under your signed v2 pair key with it (created "
                    + "when missing): a new 256-bit content key with encryptedSelf re-encrypted, the secret id (a new "
                    + "256-bit one; children's secretForeignKeys get it too) and the parent id. You re-grant only access "
                    + "you granted yourself: entities you cannot read, whose content key another party wrote, that list a "
                    + "delegate you did not give access yourself (under a pair key you signed, or an unsigned v1 one with "
                    + "--trust-unsigned-pair-keys), that another party holds under its own pair key, or that list a "
                    + "delegate no v2 pair key can be had with are skipped and reported, never damaged.",
            "--keep-v1 keeps every v1 entry and the v1 encryptedSelf as they are, for iCure's SDK and clients not "
                    + "upgraded yet (v1 debt); the v2 content goes into medcryptEncryptedSelf. A second run changes "
                    + "nothing; run it again (without --keep-v1) to finish."})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    PartyOptions party;

    @Mixin
    TrustOptions trust;

    @Mixin
    ProviderOption provider;

    @Option(names = "--to", required = true, paramLabel = "SUITE", description = "The suite to migrate to: v2.")
    String to;

    @Option(names = "--dry-run", description = "Report what would be migrated; write nothing.")
    boolean dryRun;

    @Option(names = "--keep-v1", description = "Keep v1 entries and the v1 encryptedSelf for iCure's SDK and clients "
            + "not upgraded yet (the audit counts them as v1 debt).")
    boolean keepV1;

    @Override
    public Integer call() {
        if (!"v2".equals(to.strip())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to " + to + ": medcrypt migrates to v2 only (give --to v2)");
        }
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        Migration migration = Migration.toV2(session.service());
        if (keepV1) {
            migration = migration.keepingV1();
        }
        if (dryRun) {
            migration = migration.dryRun();
        }
        Migration chosen = migration;
        MigrationResult result = session.creatingPairKeys(chosen::run);
        if (result.written()) {
            session.file().write(session.store());
        }
        report(result, session, spec.commandLine().getOut());
        session.noteTrust(spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    private void report(MigrationResult result, PartySession session, PrintWriter out) {
        String verb = dryRun ? "would migrate" : "migrated";
        out.println(verb + " to v2: " + result.migrated().size() + " (" + Listing.of(result.migrated()) + ")");
        out.println("already v2, nothing to do: " + result.alreadyV2().size());
        out.println("skipped: " + result.skipped().size());
        result.skipped().stream().limit(Listing.SHOWN * 4L).forEach(skipped -> out.println("  " + skipped));
        if (result.skipped().size() > Listing.SHOWN * 4) {
            out.println("  … and " + (result.skipped().size() - Listing.SHOWN * 4) + " more");
        }
        if (!result.relinked().isEmpty()) {
            out.println((dryRun ? "would give" : "gave") + " the parent's new secret id (secretForeignKeys, a clear search "
                    + "tag) to: " + Listing.of(result.relinked()));
        }
        out.println("per delegate:");
        for (DelegateOutcome outcome : result.delegates().values()) {
            String pair = "{" + session.me() + "→" + outcome.delegate() + "}";
            out.println("  " + outcome.delegate() + ": " + outcome.failure().map(reason -> "not migrated: " + reason)
                    .orElse(outcome.entities() + " entit" + (outcome.entities() == 1 ? "y" : "ies")
                            + (outcome.newPairKey() ? (dryRun ? ", would create signed v2 pair key " : ", new signed v2 pair key ")
                                    + pair : "")));
        }
        if (keepV1) {
            out.println("kept v1 entries and v1 encryptedSelf for iCure's SDK (--keep-v1: v1 debt; run again without it to finish)");
        }
        if (dryRun) {
            out.println("dry run: " + session.file().path() + " is unchanged");
        } else if (result.written()) {
            out.println("updated " + session.file().path());
        } else {
            out.println("nothing to do: " + session.file().path() + " is unchanged");
        }
    }
}
