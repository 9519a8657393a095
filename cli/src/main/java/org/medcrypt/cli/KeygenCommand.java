package org.medcrypt.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.medcrypt.CryptoException;
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

@Command(name = "keygen", description = {
            "Generates the keys of a healthcare party: an RSA key pair (for pair keys) and an Ed25519 signing key "
                    + "(medcrypt signs every pair key it creates). Writes OUT/ID.key, both private keys as two PEM "
                    + "PRIVATE KEY blocks (PKCS#8: RSA first, then Ed25519), readable by you only, and OUT/ID.pub, the RSA "
                    + "public key (SubjectPublicKeyInfo as hex).",
            "Prints two lines on stdout: the RSA public key (hex) and the signing public key (64 hex digits). Give the "
                    + "signing public key to the parties you share with, out of band: they pin it with "
                    + "--pin-signing-key ID=HEX.",
            "With --signing-only, for a party whose RSA key iCure's SDK made: writes only OUT/ID.signing.key (the "
                    + "Ed25519 key, one PEM block) and prints its public key; pass it with a second --key.",
            "Register the party in a dataset with: medcrypt add-party --dataset F --id ID --public-key OUT/ID.pub"})
final class KeygenCommand implements Callable<Integer> {

    private static final List<Integer> SIZES = List.of(2048, 3072, 4096);

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ProviderOption provider;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Id of the party (names the files).")
    String id;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the key files (created if missing).")
    Path out;

    @Option(names = "--bits", defaultValue = "2048", paramLabel = "BITS",
            description = "RSA modulus size: 2048 (iCure's), 3072 or 4096. Default: ${DEFAULT-VALUE}.")
    int bits;

    @Option(names = "--signing-only", description = "Only an Ed25519 signing key, in OUT/ID.signing.key (for a party "
            + "whose RSA key iCure's SDK made).")
    boolean signingOnly;

    @Option(names = "--force", description = "Replace existing key files.")
    boolean force;

    @Override
    public Integer call() {
        if (!SIZES.contains(bits)) {
            throw new ParameterException(spec.commandLine(), "--bits must be one of " + SIZES + ", not " + bits);
        }
        if (signingOnly && spec.commandLine().getParseResult().hasMatchedOption("--bits")) {
            throw new ParameterException(spec.commandLine(), "--bits sizes an RSA key, which --signing-only does not make");
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ParameterException(spec.commandLine(), "--id '" + id + "' cannot name a file: use letters, "
                    + "digits, '.', '_' and '-' (starting with a letter or digit)");
        }
        Path privateFile = out.resolve(id + (signingOnly ? ".signing.key" : ".key"));
        Path publicFile = out.resolve(id + ".pub");
        KeyFiles.refuseToOverwrite(signingOnly ? List.of(privateFile) : List.of(privateFile, publicFile), force);

        CryptoProvider crypto = provider.provider();
        EncodedRsaKeyPair rsa = signingOnly ? null : generateRsa(crypto, bits);
        EncodedEd25519KeyPair signing = null;
        List<byte[]> secrets = new ArrayList<>();
        String spkiHex;
        String signingHex;
        try {
            signing = generateSigning(crypto);
            spkiHex = rsa == null ? null : HexFormat.of().formatHex(rsa.spki());
            signingHex = HexFormat.of().formatHex(signing.publicKey());
            List<byte[]> keys = new ArrayList<>(2);
            if (rsa != null) {
                byte[] rsaPkcs8 = rsa.pkcs8();
                secrets.add(rsaPkcs8);
                keys.add(rsaPkcs8);
            }
            byte[] seed = signing.seed();
            secrets.add(seed);
            byte[] signingPkcs8 = DataOwnerKeys.ed25519Pkcs8(seed);
            secrets.add(signingPkcs8);
            keys.add(signingPkcs8);
            byte[] text = KeyFiles.pem(keys);
            secrets.add(text);
            KeyFiles.writePrivate(privateFile, text, force);
        } finally {
            KeyFiles.wipe(secrets);
            if (rsa != null) {
                rsa.destroy();
            }
            if (signing != null) {
                signing.destroy();
            }
        }
        if (spkiHex != null) {
            KeyFiles.writePublic(publicFile, (spkiHex + "\n").getBytes(StandardCharsets.US_ASCII), force);
            spec.commandLine().getOut().println(spkiHex);
        }
        spec.commandLine().getOut().println(signingHex);
        if (signingOnly) {
            spec.commandLine().getErr().println("medcrypt: wrote " + privateFile + " (Ed25519 signing key: keep it "
                    + "secret; pass it with a second --key); the line above is its public key, for others to pin with "
                    + "--pin-signing-key " + id + "=HEX; provider " + crypto.id());
        } else {
            spec.commandLine().getErr().println("medcrypt: wrote " + privateFile + " (RSA-" + bits + " and Ed25519 "
                    + "signing key: keep it secret) and " + publicFile + " (RSA public key); above: the RSA public key, "
                    + "then the signing public key, for others to pin with --pin-signing-key " + id + "=HEX; provider "
                    + crypto.id());
        }
        return ExitCodes.OK;
    }

    static EncodedRsaKeyPair generateRsa(CryptoProvider crypto, int bits) {
        try {
            return crypto.rsaOaep().generateKeyPair(bits);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA key generation failed with provider " + crypto.id() + ": try another --provider");
        }
    }

    static EncodedEd25519KeyPair generateSigning(CryptoProvider crypto) {
        try {
            return crypto.ed25519().generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Ed25519 key generation failed with provider " + crypto.id() + ": try another --provider");
        }
    }
}
