package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * A key destroyed while another thread uses it: each use gives the right result or fails, never
 * an output made with a partly wiped key. (The api's key cache destroys kept pair and content
 * keys while other threads may be using them, and promises that such a use fails.) An
 * encryption under a torn key is silent data loss: nothing opens its ciphertext, not even the
 * original key; a CBC decryption under a torn key returns garbage whenever the garbage happens
 * to end in valid padding.
 *
 * <p>Each round imports a fresh random key, lets a second thread encrypt (or decrypt) with it in
 * a loop, and destroys the key from the test's thread at a random moment of that loop. The
 * encrypting thread stops at its first failure. Then every ciphertext it got back must open to
 * the plaintext under a fresh import of the original key bytes, every decryption must have
 * returned the plaintext, and the one failure must be what {@link AesKeyConformance} accepts for
 * a destroyed key ({@code GeneralSecurityException} or {@code IllegalStateException}), on a key
 * that is destroyed, with no key bytes in its message. Keys: AES-256 for GCM (suite v2), AES-128
 * and AES-256 for CBC (suite v1's content keys are either, its pair keys AES-256).
 *
 * <p>The race is probabilistic: a round catches a torn key only if the destroy lands between
 * the provider's check of the key and the moment it has read all of its bytes. On the code that
 * checked once and then copied (or let Bouncy Castle read the key's own array), 3 runs of 6000
 * encryption rounds on a loaded 2-core machine made 15 to 60 unopenable ciphertexts on jca and
 * conscrypt, 5 to 39 on accp, 75 to 204 on tink, about 3000 on bouncycastle: every run failed.
 * A torn decryption is only seen when it returns bytes: never for GCM (the tag fails), for CBC
 * when the garbage ends in valid padding (about 1 in 256): 1 to 5 per run on bouncycastle, rarely
 * elsewhere, so the decryption test guards the contract more than it reproduces the race.
 */
public abstract class AesKeyDestroyRaceConformance extends ConformanceSection {

    /**
     * Rounds of encryption per key size and mode: the JCA providers' window (between the key's
     * check and the end of its copy) is a few nanoseconds; at 1000, accp missed it in one run.
     */
    private static final int ENCRYPTION_ROUNDS = 2000;
    /** Rounds of decryption per key size and mode (see the class comment). */
    private static final int DECRYPTION_ROUNDS = 500;
    /**
     * A round's worker pauses after this many operations (the test's thread was descheduled
     * before its destroy), until the key is destroyed, then makes one more: it must fail.
     */
    private static final int MAX_OPERATIONS = 64;
    /** Small, so that reading the key is a large part of each operation. */
    private static final int PLAINTEXT_LENGTH = 32;

    private enum Kind {
        GCM_256(256, true), CBC_128(128, false), CBC_256(256, false);

        final int bits;
        final boolean gcm;

        Kind(int bits, boolean gcm) {
            this.bits = bits;
            this.gcm = gcm;
        }
    }

    /** One round: what the worker does with {@link #key}, and what it got back. */
    private static final class Round {
        final Kind kind;
        final boolean decrypting;
        final AesKey key;
        final byte[] plaintext;
        final byte[] aad;
        /** The CBC IV of every encryption of the round, and the base of its GCM nonces. */
        final byte[] iv = randomBytes(AesCbc.IV_LENGTH);
        /** The worker's count of GCM nonces. */
        int nonces;
        /** For a decrypting round: what the worker decrypts, made with the key before the round. */
        final byte[] ciphertext;
        /** Written by the worker only, read once {@link #finished}. */
        final List<byte[]> outputs = new ArrayList<>();
        Throwable failure;
        /** Whether the key said it was destroyed when the worker's operation failed. */
        boolean destroyedAtFailure;
        volatile int operations;
        volatile boolean finished;

        Round(Kind kind, boolean decrypting, AesKey key, byte[] plaintext, byte[] aad, byte[] ciphertext) {
            this.kind = kind;
            this.decrypting = decrypting;
            this.key = key;
            this.plaintext = plaintext;
            this.aad = aad;
            this.ciphertext = ciphertext;
        }
    }

    /** What all rounds of one test found. */
    private static final class Tally {
        int rounds;
        long succeeded;
        long refused;
        /** Encryptions whose ciphertext the original key does not open; decryptions that returned wrong bytes. */
        long wrong;
        /** Failures of another type, on a live key, or with key bytes in their message. */
        long badFailures;
        final List<String> examples = new ArrayList<>();

        void example(String what) {
            if (examples.size() < 5) {
                examples.add(what);
            }
        }
    }

    @Test
    void encryptionRacingDestroyNeverUsesATornKey() throws Exception {
        race(false);
    }

    @Test
    void decryptionRacingDestroyNeverReturnsWrongBytes() throws Exception {
        race(true);
    }

    private void race(boolean decrypting) throws Exception {
        CryptoProvider provider = p();
        AtomicReference<Round> mailbox = new AtomicReference<>();
        AtomicReference<Throwable> workerCrash = new AtomicReference<>();
        Round stop = new Round(Kind.GCM_256, decrypting, null, null, null, null);
        Thread worker = new Thread(() -> work(provider, mailbox, stop, workerCrash), "destroy-race-worker");
        worker.setDaemon(true);
        worker.start();
        Tally tally = new Tally();
        try {
            int rounds = (decrypting ? DECRYPTION_ROUNDS : ENCRYPTION_ROUNDS) * Kind.values().length;
            for (int i = 0; i < rounds && workerCrash.get() == null; i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                byte[] raw = provider.aesKeys().generate(kind.bits);
                try {
                    playRound(provider, kind, decrypting, raw, mailbox, workerCrash, tally);
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        } finally {
            mailbox.set(stop);
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(workerCrash.get()).as("the worker thread").isNull();
        String summary = String.format("%s: %d rounds of %s racing destroy(): %d succeeded, %d refused, %d %s, "
                        + "%d refused wrongly", provider.id(), tally.rounds,
                decrypting ? "decryptions" : "encryptions", tally.succeeded, tally.refused, tally.wrong,
                decrypting ? "returned wrong bytes" : "made a ciphertext the original key does not open",
                tally.badFailures);
        System.out.println(summary);
        assertThat(tally.examples).as(summary).isEmpty();
        assertThat(tally.succeeded).as("operations that finished before the destroy: %s", summary).isPositive();
        assertThat(tally.refused).as("operations refused after the destroy: %s", summary).isPositive();
    }

    private static void playRound(CryptoProvider provider, Kind kind, boolean decrypting, byte[] raw,
            AtomicReference<Round> mailbox, AtomicReference<Throwable> workerCrash, Tally tally) throws Exception {
        byte[] plaintext = randomBytes(PLAINTEXT_LENGTH);
        byte[] aad = randomBytes(8);
        AesKey key = provider.aesKeys().importKey(raw);
        byte[] ciphertext = null;
        if (decrypting) {
            ciphertext = kind.gcm ? provider.aesGcm().encrypt(key, plaintext, aad)
                    : provider.aesCbc().encrypt(key, plaintext);
        }
        Round round = new Round(kind, decrypting, key, plaintext, aad, ciphertext);
        // destroy after 1 to 3 operations, at a random point of the next one
        int after = 1 + RANDOM.nextInt(3);
        int spins = RANDOM.nextInt(64);
        mailbox.set(round);
        pause(() -> round.operations >= after || round.finished || workerCrash.get() != null);
        for (int s = 0; s < spins; s++) {
            Thread.onSpinWait();
        }
        key.destroy();
        pause(() -> round.finished || workerCrash.get() != null);
        if (workerCrash.get() != null) {
            return;
        }
        check(provider, round, raw, tally);
    }

    /** The worker: plays each round it finds in {@code mailbox} until {@code stop}. */
    private static void work(CryptoProvider provider, AtomicReference<Round> mailbox, Round stop,
            AtomicReference<Throwable> crash) {
        try {
            while (true) {
                pause(() -> mailbox.get() != null);
                Round round = mailbox.getAndSet(null);
                if (round == stop) {
                    return;
                }
                for (int i = 0; i <= MAX_OPERATIONS && round.failure == null; i++) {
                    if (i == MAX_OPERATIONS) {
                        pause(round.key::isDestroyed);
                    }
                    try {
                        round.outputs.add(operate(provider, round));
                    } catch (Throwable t) {
                        round.failure = t;
                        round.destroyedAtFailure = round.key.isDestroyed();
                    }
                    round.operations = i + 1;
                }
                round.finished = true;
            }
        } catch (Throwable t) {
            crash.set(t);
        }
    }

    /** Spins until {@code done}, yielding now and then: the machine may have fewer cores than threads. */
    private static void pause(BooleanSupplier done) {
        for (long spins = 1; !done.getAsBoolean(); spins++) {
            if (spins % 1024 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] operate(CryptoProvider provider, Round round) throws GeneralSecurityException {
        if (round.decrypting) {
            return round.kind.gcm ? provider.aesGcm().decrypt(round.key, round.ciphertext, round.aad)
                    : provider.aesCbc().decrypt(round.key, round.ciphertext);
        }
        // the explicit IV and nonce: the random ones take longer to draw than a 32-byte
        // encryption, and every nanosecond outside the provider's reading of the key makes the
        // destroy less likely to land in it
        if (round.kind.gcm) {
            byte[] nonce = Arrays.copyOf(round.iv, AesGcm.NONCE_LENGTH);
            int n = round.nonces++;
            for (int i = 0; i < 4; i++) {
                nonce[AesGcm.NONCE_LENGTH - 1 - i] ^= (byte) (n >>> (8 * i));
            }
            return concat(nonce, provider.aesGcm().encryptWithNonce(round.key, nonce, round.plaintext, round.aad));
        }
        return concat(round.iv, provider.aesCbc().encrypt(round.key, round.iv, round.plaintext));
    }

    private static void check(CryptoProvider provider, Round round, byte[] raw, Tally tally)
            throws GeneralSecurityException {
        tally.rounds++;
        String where = "AES-" + round.kind.bits + (round.kind.gcm ? "-GCM " : "-CBC ")
                + (round.decrypting ? "decryption" : "encryption") + " in round " + tally.rounds;
        AesKey original = provider.aesKeys().importKey(raw);
        try {
            for (byte[] out : round.outputs) {
                tally.succeeded++;
                byte[] opened = round.decrypting ? out : openOrNull(provider, round, original, out);
                if (opened == null || !Arrays.equals(opened, round.plaintext)) {
                    tally.wrong++;
                    tally.example(where + (round.decrypting ? " returned wrong bytes"
                            : " made a ciphertext the original key does not open"));
                }
            }
        } finally {
            original.destroy();
        }
        Throwable failure = round.failure;
        if (failure == null) {
            tally.badFailures++;
            tally.example(where + " succeeded on a key that said it was destroyed");
            return;
        }
        tally.refused++;
        if (!(failure instanceof GeneralSecurityException) && !(failure instanceof IllegalStateException)) {
            tally.badFailures++;
            tally.example(where + " failed with " + failure.getClass().getName()
                    + ", not GeneralSecurityException or IllegalStateException");
        } else if (!round.destroyedAtFailure) {
            tally.badFailures++;
            tally.example(where + " failed on a live key: " + failure.getClass().getName());
        } else {
            try {
                assertNoSecretIn(failure, raw);
            } catch (AssertionError leak) {
                tally.badFailures++;
                tally.example(where + ": " + leak.getMessage());
            }
        }
    }

    private static byte[] openOrNull(CryptoProvider provider, Round round, AesKey original, byte[] ciphertext) {
        try {
            return round.kind.gcm ? provider.aesGcm().decrypt(original, ciphertext, round.aad)
                    : provider.aesCbc().decrypt(original, ciphertext);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
