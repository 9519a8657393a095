package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "decrypt", description = {
            "Prints the entities the party can read, decrypted (the fields of encryptedSelf merged in), as JSON: "
                    + "{\"patients\": [...], \"contacts\": [...], \"forms\": [...], \"healthElements\": [...]}.",
            "Without --id: every entity shared with the party; entities not shared with it are left out. "
                    + "With --id: those entities; one the party cannot read is an error (exit 4)."})
final class DecryptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    PartyOptions party;

    @Mixin
    ProviderOption provider;

    @Option(names = "--id", paramLabel = "ENTITY_ID", description = "Only this entity; repeatable.")
    List<String> ids;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, provider.provider(), spec.commandLine().getErr());
        ObjectNode result = PartySession.emptyResult();
        if (ids == null || ids.isEmpty()) {
            for (EntityType type : EntityType.values()) {
                for (EncryptableEntity<?> entity : session.store().entities(type)) {
                    if (session.readable(entity)) {
                        PartySession.add(result, type, session.decrypted(entity));
                    }
                }
            }
        } else {
            for (String id : ids) {
                EncryptableEntity<?> entity = session.entity(id);
                session.requireReadable(entity);
                PartySession.add(result, entity.type(), session.decrypted(entity));
            }
        }
        spec.commandLine().getOut().println(MedcryptJson.toPrettyString(result));
        return ExitCodes.OK;
    }
}
