package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the outcome of every case of one Wycheproof file for one provider, so the kit can print
 * a one-line summary and assert that nothing was silently skipped.
 *
 * <p>"Invalid rejected" means what rejecting is for the primitive: a decryption that throws, an
 * Ed25519 signature that does not verify (or whose public key is refused on import), an HKDF
 * output length that throws.
 *
 * <p>"Refused" counts cases outside the SPI's parameters: some are asserted refused by the
 * provider (a 64-bit GCM nonce, a 1024-bit RSA key), others cannot even be expressed through the
 * SPI (OAEP with SHA-384) and are only counted.
 */
final class WycheproofTally {

    final String file;
    final String providerId;
    final int declaredTests;

    private int validInScope;
    private int validPassed;
    private int invalidInScope;
    private int invalidRejected;
    private int acceptableInScope;
    private int acceptableAccepted;
    private int acceptableRejected;
    private int refusedAsserted;
    private int refusedAssertedConfirmed;
    private int refusedInexpressible;

    WycheproofTally(String file, String providerId, int declaredTests) {
        this.file = file;
        this.providerId = providerId;
        this.declaredTests = declaredTests;
    }

    /** Counts one in-scope case found in the file (before it runs). */
    synchronized void expect(String result) {
        switch (result) {
            case "valid" -> validInScope++;
            case "invalid" -> invalidInScope++;
            case "acceptable" -> acceptableInScope++;
            default -> throw new IllegalArgumentException("unknown Wycheproof result: " + result);
        }
    }

    /** Counts {@code n} cases the provider must be seen to refuse (before they run). */
    synchronized void expectRefused(int n) {
        refusedAsserted += n;
    }

    /** Counts {@code n} cases the SPI cannot express: counted, not run. */
    synchronized void inexpressible(int n) {
        refusedInexpressible += n;
    }

    synchronized void validPassed() {
        validPassed++;
    }

    synchronized void invalidRejected() {
        invalidRejected++;
    }

    synchronized void acceptable(boolean accepted) {
        if (accepted) {
            acceptableAccepted++;
        } else {
            acceptableRejected++;
        }
    }

    synchronized void refusedConfirmed(int n) {
        refusedAssertedConfirmed += n;
    }

    synchronized int validPassedCount() {
        return validPassed;
    }

    synchronized int validInScopeCount() {
        return validInScope;
    }

    synchronized String summary() {
        return "wycheproof " + file + " provider=" + providerId + ": "
                + validPassed + " valid passed, "
                + invalidRejected + " invalid rejected, "
                + (acceptableAccepted + acceptableRejected) + " acceptable (" + acceptableAccepted + " accepted, "
                + acceptableRejected + " rejected), "
                + (refusedAssertedConfirmed + refusedInexpressible) + " refused (outside SPI parameters)"
                + " [" + refusedAssertedConfirmed + " refused by the provider as asserted, "
                + refusedInexpressible + " not expressible through the SPI; in scope: "
                + validInScope + " valid, " + invalidInScope + " invalid, " + acceptableInScope + " acceptable; "
                + declaredTests + " cases in the file]";
    }

    /** Prints the summary line, then asserts that every case was accounted for. */
    synchronized void printAndCheck() {
        System.out.println(summary());
        assertThat(validPassed).as("provider=%s %s: valid cases that passed / valid cases in scope", providerId, file).isEqualTo(validInScope);
        assertThat(invalidRejected).as("provider=%s %s: invalid cases rejected / invalid cases in scope", providerId, file).isEqualTo(invalidInScope);
        assertThat(acceptableAccepted + acceptableRejected)
                .as("provider=%s %s: acceptable cases that ran cleanly / acceptable cases in scope", providerId, file)
                .isEqualTo(acceptableInScope);
        assertThat(refusedAssertedConfirmed).as("provider=%s %s: out-of-scope cases the provider refused", providerId, file).isEqualTo(refusedAsserted);
        assertThat(validInScope + invalidInScope + acceptableInScope + refusedAsserted + refusedInexpressible)
                .as("provider=%s %s: every case of the file is counted once", providerId, file)
                .isEqualTo(declaredTests);
    }
}
