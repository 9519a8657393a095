package org.medcrypt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.medcrypt.NotFoundException;
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

@Command(name = "patient-of", description = {
            "Prints the patient of a contact, decrypted, as JSON. The patient's id is found by decrypting "
                    + "the contact's cryptedForeignKeys.",
            "If the patient was read under an unsigned v1 pair key, a note on stderr says so."})
final class PatientOfCommand implements Callable<Integer> {

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

    @Option(names = "--contact", required = true, paramLabel = "CID", description = "Id of the contact.")
    String contactId;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        EncryptableEntity<?> contact = session.entity(EntityType.CONTACT, contactId, "--contact");
        session.requireReadable(contact);
        Patient patient = session.service().patientOf(contact).orElseThrow(() -> new NotFoundException(
                "the patient of contact '" + contactId + "' (" + String.join(", ", session.service().parentIds(contact))
                        + ") is not in dataset " + session.file().path()));
        session.requireReadable(patient);
        DecryptedEntity<?> decrypted = session.decrypted(patient);
        spec.commandLine().getOut().println(MedcryptJson.toPrettyString(decrypted.toJson()));
        PartySession.noteUnsigned(List.of(decrypted), spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
