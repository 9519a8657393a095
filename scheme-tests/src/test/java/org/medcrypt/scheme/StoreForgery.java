package org.medcrypt.scheme;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * What a store that rewrites documents can make from public keys alone, with plain JCA: v2 wrapped
 * copies of a pair key it chose, and a party of its own with a v2 pair key it signed. Shared by the
 * attack tests.
 */
final class StoreForgery {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreForgery() {
    }

    /** An RSA ciphertext as v2 writes a wrapped copy: {@code mc2:} and base64url of header ‖ ciphertext. */
    static String v2Wrapped(byte[] rsa) {
        byte[] all = new byte[3 + rsa.length];
        all[0] = 2;
        all[1] = 2;
        all[2] = 5;
        System.arraycopy(rsa, 0, all, 3, rsa.length);
        return "mc2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /** RSA-OAEP with SHA-256 and MGF1-SHA-256 and {@code label}, as v2 wraps pair keys. */
    static byte[] oaep256(PublicKey key, byte[] message, byte[] label) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(label)));
        return cipher.doFinal(message);
    }

    /**
     * Party {@code z} with keys of its own and a v2 pair key z → target it signed, saved in
     * {@code store}; returns {pair key, key id}.
     */
    static byte[][] partyWithSignedV2PairKey(CryptoProvider provider, EntityStore store, String z, String target)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair zRsa = generator.generateKeyPair();
        var zSigning = provider.ed25519().generateKeyPair();
        byte[] x = new byte[32];
        RANDOM.nextBytes(x);
        byte[] keyIdBytes = new byte[16];
        RANDOM.nextBytes(keyIdBytes);
        String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(keyIdBytes);
        byte[] label = org.medcrypt.tck.V2Reference.wrappingLabel(keyId, z, target);
        PublicKey targetKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                HEX.parseHex(store.party(target).orElseThrow().publicKey().orElseThrow())));
        String forZ = v2Wrapped(oaep256(zRsa.getPublic(), x, label));
        String forTarget = v2Wrapped(oaep256(targetKey, x, label));
        String fpZ = KeyFingerprint.of(HEX.formatHex(zRsa.getPublic().getEncoded())).value();
        String fpTarget = KeyFingerprint.of(HEX.formatHex(targetKey.getEncoded())).value();
        PairKeyEntry unsigned = new PairKeyEntry("v2", keyId, fpZ, fpTarget, forZ, forTarget, Optional.empty(), Map.of());
        byte[] signature = provider.ed25519().sign(provider.ed25519().importPrivateKey(zSigning.seed()),
                PairKeySignatures.message(z, target, unsigned));
        PairKeyEntry signed = new PairKeyEntry("v2", keyId, fpZ, fpTarget, forZ, forTarget,
                Optional.of(PairKeySignatures.encode(Suite.V2_GCM_OAEP256, signature)), Map.of());
        store.saveParty(HealthcareParty.of(z, HEX.formatHex(zRsa.getPublic().getEncoded()))
                .withSigningKey(HEX.formatHex(zSigning.publicKey())).withPairKeyEntry(target, signed));
        return new byte[][] {x, keyIdBytes};
    }
}
