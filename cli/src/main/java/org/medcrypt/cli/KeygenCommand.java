package org.medcrypt.cli;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.medcrypt.CryptoException;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "keygen", description = {
            "Generates an RSA key pair for a healthcare party: writes OUT/ID.key (the private key, PKCS#8 as hex, "
                    + "readable by you only) and OUT/ID.pub (the public key, SubjectPublicKeyInfo as hex), and prints "
                    + "the public key hex on stdout.",
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

    @Option(names = "--force", description = "Replace existing key files.")
    boolean force;

    @Override
    public Integer call() {
        if (!SIZES.contains(bits)) {
            throw new ParameterException(spec.commandLine(), "--bits must be one of " + SIZES + ", not " + bits);
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ParameterException(spec.commandLine(), "--id '" + id + "' cannot name a file: use letters, "
                    + "digits, '.', '_' and '-' (starting with a letter or digit)");
        }
        Path privateFile = out.resolve(id + ".key");
        Path publicFile = out.resolve(id + ".pub");
        KeyFiles.refuseToOverwrite(List.of(privateFile, publicFile), force);

        CryptoProvider crypto = provider.provider();
        EncodedRsaKeyPair pair;
        try {
            pair = crypto.rsaOaep().generateKeyPair(bits);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA key generation failed with provider " + crypto.id() + ": try another --provider");
        }
        String spkiHex = HexFormat.of().formatHex(pair.spki());
        byte[] pkcs8 = pair.pkcs8();
        byte[] privateText = KeyFiles.hexAscii(pkcs8);
        try {
            KeyFiles.writePrivate(privateFile, privateText, force);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
            Arrays.fill(privateText, (byte) 0);
            pair.destroy();
        }
        KeyFiles.writePublic(publicFile, (spkiHex + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), force);
        spec.commandLine().getOut().println(spkiHex);
        spec.commandLine().getErr().println("medcrypt: wrote " + privateFile + " (private key: keep it secret) and "
                + publicFile + " (public key); RSA-" + bits + " by provider " + crypto.id());
        return ExitCodes.OK;
    }
}
