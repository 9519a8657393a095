package org.medcrypt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.agility.KeyUpdateRequest;
import org.medcrypt.agility.PairKeyRef;
import org.medcrypt.agility.RotationResult;
import org.medcrypt.agility.SkippedPairKey;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedEd25519KeyPair;
import org.medcrypt.spi.EncodedRsaKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rotate", description = {
            "Rotates the keys of a healthcare party: writes a new RSA key pair and Ed25519 signing key as OUT/ID.key "
                    + "and OUT/ID.pub (as keygen does) and publishes them in the party's document: publicKey, "
                    + "medcryptSigningKey, medcryptPublicKeySignature, and a medcryptSigningKeyRotations step in which "
                    + "the old signing key endorses the new one (readers who pinned the old key follow it).",
            "Every pair key the party owns gets a copy wrapped for the new key, in iCure's multi-key form "
                    + "(aesExchangeKeys[owner key][delegate][new fingerprint]); a signed one is re-signed with the new "
                    + "signing key. For pair keys others own, it writes a key-update request (iCure's KEY_PAIR_UPDATE) "
                    + "that each owner fulfils with 'medcrypt grant-key-update'. No entity is re-encrypted.",
            "Nothing is removed: the old key keeps reading everything. Until every grant is done, pass the old key "
                    + "after the new one: --key OUT/ID.key --key OLD.",
            "The key files are written first, then the dataset, atomically; if the dataset cannot be written, the "
                    + "new key files are removed and the dataset is unchanged."})
final class RotateCommand implements Callable<Integer> {

    private static final List<Integer> SIZES = List.of(2048, 3072, 4096);

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    PartyOptions party;

    @Mixin
    ProviderOption provider;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the new key files (created if missing).")
    Path out;

    @Option(names = "--bits", defaultValue = "2048", paramLabel = "BITS",
            description = "RSA modulus size of the new key: 2048 (iCure's), 3072 or 4096. Default: ${DEFAULT-VALUE}.")
    int bits;

    @Override
    public Integer call() {
        if (!SIZES.contains(bits)) {
            throw new ParameterException(spec.commandLine(), "--bits must be one of " + SIZES + ", not " + bits);
        }
        String id = party.partyId;
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ParameterException(spec.commandLine(), "--as '" + id + "' cannot name a key file: rotate a party "
                    + "whose id uses letters, digits, '.', '_' and '-'");
        }
        Path privateFile = out.resolve(id + ".key");
        Path publicFile = out.resolve(id + ".pub");
        KeyFiles.refuseToOverwrite(List.of(privateFile, publicFile), false);
        for (Path keyFile : party.keyFiles) {
            if (keyFile.toAbsolutePath().normalize().equals(privateFile.toAbsolutePath().normalize())) {
                throw new UserInputException("--out would write the new key over --key " + keyFile + ": choose another folder");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        CryptoProvider crypto = provider.provider();
        PartySession session = PartySession.open(party, new TrustOptions(), crypto, err);

        EncodedRsaKeyPair rsa = KeygenCommand.generateRsa(crypto, bits);
        String spkiHex = HexFormat.of().formatHex(rsa.spki());
        EncodedEd25519KeyPair signing = null;
        List<byte[]> secrets = new ArrayList<>();
        DataOwnerKeys next = null;
        RotationResult result;
        try {
            signing = KeygenCommand.generateSigning(crypto);
            byte[] rsaPkcs8 = rsa.pkcs8();
            secrets.add(rsaPkcs8);
            byte[] seed = signing.seed();
            secrets.add(seed);
            byte[] signingPkcs8 = DataOwnerKeys.ed25519Pkcs8(seed);
            secrets.add(signingPkcs8);
            next = DataOwnerKeys.fromPkcs8(id, crypto, List.of(rsaPkcs8, signingPkcs8));
            // in memory first: nothing reaches the disk unless the rotation succeeds
            result = KeyRotation.of(crypto, session.store()).rotate(session.keys(), next);
            byte[] text = KeyFiles.pem(List.of(rsaPkcs8, signingPkcs8));
            secrets.add(text);
            KeyFiles.writePrivate(privateFile, text, false);
        } finally {
            KeyFiles.wipe(secrets);
            rsa.destroy();
            if (signing != null) {
                signing.destroy();
            }
            if (next != null) {
                next.destroy();
            }
            session.keys().destroy();
        }
        try {
            KeyFiles.writePublic(publicFile, (spkiHex + "\n").getBytes(StandardCharsets.US_ASCII), false);
            session.file().write(session.store());
        } catch (RuntimeException e) {
            deleteQuietly(publicFile);
            deleteQuietly(privateFile); // the dataset is unchanged: the new keys are of no use
            throw e;
        }
        report(result, privateFile, publicFile, session);
        return ExitCodes.OK;
    }

    private void report(RotationResult result, Path privateFile, Path publicFile, PartySession session) {
        PrintWriter out = spec.commandLine().getOut();
        String me = result.party();
        out.println("rotated '" + me + "': RSA key " + result.oldKey() + " → " + result.newKey()
                + "; new signing key " + result.newSigningKey());
        out.println("wrote " + privateFile + " (RSA-" + bits + " and Ed25519 signing key: keep it secret) and "
                + publicFile);
        out.println("re-wrapped for the new key: " + names(result.rewrapped()));
        for (KeyUpdateRequest request : result.requests()) {
            out.println("requested from '" + request.granter() + "' (KEY_PAIR_UPDATE " + request.id() + ", "
                    + request.proofs().size() + " pair key(s)): medcrypt grant-key-update --dataset "
                    + session.file().path() + " --as " + request.granter() + " --key FILE");
        }
        for (SkippedPairKey skipped : result.skipped()) {
            out.println("left as it was: " + skipped.pairKey() + ": " + skipped.reason());
        }
        out.println("updated " + session.file().path());
        out.println("pin the new signing key with --pin-signing-key " + me + "=" + result.newSigningKey()
                + " (readers who pinned the old one follow the rotation)");
        if (!result.requests().isEmpty()) {
            spec.commandLine().getErr().println("medcrypt: note: until every request is granted, read with the new and "
                    + "the old key: --key " + privateFile + " --key " + party.keyFiles.get(0));
        }
    }

    private static String names(List<PairKeyRef> refs) {
        // a pair key with copies for two keys of its delegate is listed once
        return refs.isEmpty() ? "nothing" : refs.stream().map(PairKeyRef::toString).distinct().collect(Collectors.joining(", "));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // reported by the error that brought us here
        }
    }
}
