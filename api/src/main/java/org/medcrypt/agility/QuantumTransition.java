package org.medcrypt.agility;

import java.util.Optional;

/**
 * NIST's dates for moving off quantum-vulnerable public-key algorithms, and the classical
 * security strengths they are stated for. The sources, exactly as used:
 *
 * <ul>
 *   <li><b>NIST IR 8547 (initial public draft), "Transition to Post-Quantum Cryptography
 *       Standards", November 2024</b>, Table 2 (quantum-vulnerable digital signature algorithms)
 *       and Table 4 (quantum-vulnerable key-establishment schemes): a scheme at the 112-bit
 *       security strength (RSA-2048) is <i>deprecated after 2030</i> and <i>disallowed after
 *       2035</i>; at 128 bits or more (RSA-3072 and up, Ed25519) <i>disallowed after 2035</i>.
 *       A draft: the final dates may differ.</li>
 *   <li><b>NIST SP 800-57 Part 1 Rev. 5</b> (May 2020), Table 2: RSA-2048 gives 112 bits of
 *       security, RSA-3072 128, RSA-7680 192, RSA-15360 256.</li>
 *   <li><b>NIST SP 800-131A Rev. 2</b> (March 2019), §6 "Key Agreement and Key Transport Using
 *       RSA": RSA key transport with a modulus of 2048 bits or more is <i>acceptable</i>, under
 *       2048 bits <i>disallowed</i> (medcrypt refuses moduli under 2048 bits). SP 800-131A Rev. 2
 *       has no quantum dates; IR 8547 supplies them.</li>
 * </ul>
 */
public final class QuantumTransition {

    /** The citation printed with the dates. */
    public static final String SOURCE = "NIST IR 8547 ipd (Nov. 2024), Tables 2 and 4: 112-bit security (RSA-2048) "
            + "deprecated after 2030, disallowed after 2035; 128-bit and above (RSA-3072+, Ed25519) disallowed after 2035. "
            + "Security strengths: NIST SP 800-57 Part 1 Rev. 5, Table 2. RSA key transport under 2048 bits: disallowed "
            + "by NIST SP 800-131A Rev. 2, section 6 (medcrypt refuses such keys).";

    private QuantumTransition() {
    }

    /** Classical security strength of an RSA modulus (SP 800-57 Part 1 Rev. 5, Table 2); empty under 2048 bits. */
    public static Optional<Integer> rsaSecurityBits(int modulusBits) {
        if (modulusBits >= 15360) {
            return Optional.of(256);
        }
        if (modulusBits >= 7680) {
            return Optional.of(192);
        }
        if (modulusBits >= 3072) {
            return Optional.of(128);
        }
        if (modulusBits >= 2048) {
            return Optional.of(112);
        }
        return Optional.empty();
    }

    /** The year after which IR 8547 (ipd) deprecates a scheme of this strength; empty if it is disallowed directly. */
    public static Optional<Integer> deprecatedAfter(Optional<Integer> securityBits) {
        return securityBits.isEmpty() || securityBits.get() <= 112 ? Optional.of(2030) : Optional.empty();
    }

    /** The year after which IR 8547 (ipd) disallows every quantum-vulnerable scheme. */
    public static int disallowedAfter() {
        return 2035;
    }
}
