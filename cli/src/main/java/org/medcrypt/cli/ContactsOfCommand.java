package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "contacts-of", description = {
            "Prints the contacts of a patient the party can read, decrypted, as JSON {\"contacts\": [...], "
                    + "\"encryption\": [...]} (\"encryption\" as in 'medcrypt decrypt').",
            "They are found by the patient's secret foreign key, which the party decrypts first; contacts of "
                    + "the patient that are not shared with the party are counted on stderr, not shown; one addressed to "
                    + "the party that does not open is left out and named on stderr (exit 8)."})
final class ContactsOfCommand implements Callable<Integer> {

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

    @Option(names = "--patient", required = true, paramLabel = "PID", description = "Id of the patient.")
    String patientId;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        Patient patient = (Patient) session.entity(EntityType.PATIENT, patientId, "--patient");
        session.requireReadable(patient);
        ObjectNode result = MedcryptJson.nodes().objectNode();
        ArrayNode contacts = result.putArray("contacts");
        ArrayNode encryption = result.putArray("encryption");
        List<DecryptedEntity<?>> read = new ArrayList<>();
        SkippedEntities skipped = new SkippedEntities(session);
        int notShared = 0;
        for (EncryptableEntity<?> contact : session.service().contactsOf(patient)) {
            int skippedBefore = skipped.count();
            Optional<DecryptedEntity<?>> decrypted = skipped.read(contact);
            if (decrypted.isPresent()) {
                read.add(decrypted.get());
                contacts.add(decrypted.get().toJson());
                encryption.add(PartySession.readInfo(decrypted.get()));
            } else if (skipped.count() == skippedBefore) {
                notShared++;
            }
        }
        if (read.isEmpty() && skipped.any()) {
            skipped.report(spec.commandLine().getErr());
            return skipped.exitCode(false);
        }
        spec.commandLine().getOut().println(MedcryptJson.toPrettyString(result));
        PartySession.noteUnsigned(read, spec.commandLine().getErr());
        if (notShared > 0) {
            spec.commandLine().getErr().println("medcrypt: note: " + notShared + " more contact(s) of patient '"
                    + patientId + "' are not shared with '" + session.me() + "'");
        }
        skipped.report(spec.commandLine().getErr());
        return skipped.exitCode(true);
    }
}
