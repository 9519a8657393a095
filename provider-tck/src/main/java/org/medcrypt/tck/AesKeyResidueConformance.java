package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * What {@link AesKey#destroy()} leaves behind: after a key was used and destroyed, no object
 * the JVM can still reach holds its bytes — not the handle, and not a cipher a provider caches
 * per thread (a JCA {@code Cipher} keeps the last key it was initialised with; so does a Bouncy
 * Castle engine, as its first round key).
 *
 * <p>The check is black-box, so it holds for every provider whatever it caches: keys are used on
 * threads that stay alive (their thread-local caches stay reachable), each destroyed either on
 * the thread that used it or on another one, then the test takes a heap dump of live objects
 * and searches it for the first 16 bytes of every key, as bytes and as the little-endian 32-bit
 * words Bouncy Castle packs its round keys in. The test keeps only masked copies of the keys
 * until the dump is written. Memory outside the Java heap (a native library's key schedule) is
 * not seen.
 */
public abstract class AesKeyResidueConformance extends ConformanceSection {

    private enum Mode { CBC, GCM }

    /** One key: where it was used and destroyed, and its first 16 bytes, masked. */
    private record Used(String what, byte[] masked, byte[] mask) {
        byte[] prefix() {
            byte[] out = new byte[16];
            for (int i = 0; i < 16; i++) {
                out[i] = (byte) (masked[i] ^ mask[i]);
            }
            return out;
        }
    }

    @Test
    void destroyedKeysLeaveNoCopyInReachableMemory() throws Exception {
        CryptoProvider provider = p();
        List<Used> used = new ArrayList<>();
        List<AesKey> handles = new ArrayList<>();
        CountDownLatch dumped = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int bits : new int[] {128, 192, 256}) {
                for (Mode mode : Mode.values()) {
                    for (boolean destroyOnUsingThread : new boolean[] {true, false}) {
                        String what = "AES-" + bits + " " + mode + " key used on a thread of its own, destroyed on "
                                + (destroyOnUsingThread ? "that thread" : "another thread");
                        AesKey key = newKey(provider, bits, what, used, handles);
                        // encrypt-then-decrypt on one key, decrypt-then-encrypt on the other
                        boolean decryptLast = destroyOnUsingThread;
                        threads.add(useOnOwnThread(provider, key, mode, decryptLast, destroyOnUsingThread, dumped));
                    }
                }
            }
            // and the calling thread: a CBC then a GCM key, each destroyed here
            for (Mode mode : Mode.values()) {
                AesKey key = newKey(provider, 256, "AES-256 " + mode + " key used and destroyed on the test's thread",
                        used, handles);
                use(provider, key, mode, true);
                key.destroy();
            }
            for (AesKey key : handles) {
                if (!key.isDestroyed()) {
                    key.destroy();
                }
            }

            assertNothingReachable(provider, used);
        } finally {
            dumped.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            Reference.reachabilityFence(handles);
            Reference.reachabilityFence(provider);
        }
    }

    /**
     * Keys destroyed while other threads keep using the provider's caches, with those keys and
     * with others: every operation gives the right result or refuses the destroyed key (no
     * wrong output, no other exception), and afterwards no destroyed key is reachable.
     */
    @Test
    void keysDestroyedDuringConcurrentUseLeaveNoCopyInReachableMemory() throws Exception {
        CryptoProvider provider = p();
        int threadCount = 4;
        int keyCount = 8;
        List<Used> used = new ArrayList<>();
        AtomicReferenceArray<AesKey> keys =
                new AtomicReferenceArray<>(keyCount);
        List<AesKey> handles = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < keyCount; i++) {
            keys.set(i, newKey(provider, 128 + 64 * (i % 3), "key " + i + " of the shared set", used, handles));
        }
        CountDownLatch dumped = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger succeeded = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(threadCount);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < threadCount; t++) {
                int seed = t;
                Thread thread = new Thread(() -> {
                    try {
                        int i = seed;
                        while (!stop.get()) {
                            AesKey key = keys.get(i++ % keyCount);
                            try {
                                use(provider, key, (i & 1) == 0 ? Mode.CBC : Mode.GCM, (i & 2) == 0);
                                succeeded.incrementAndGet();
                            } catch (GeneralSecurityException | IllegalStateException e) {
                                if (!key.isDestroyed()) {
                                    throw new AssertionError("a live key was refused", e);
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        stopped.countDown();
                    }
                    try {
                        dumped.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "residue-concurrent-" + t);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            // destroy keys while they are in use, each replaced by a fresh one
            for (int round = 0; round < 200 && failure.get() == null; round++) {
                int slot = round % keyCount;
                AesKey old = keys.get(slot);
                keys.set(slot, newKey(provider, 128 + 64 * (round % 3), "key replaced in round " + round, used,
                        handles));
                old.destroy();
                Thread.sleep(0, 200_000);
            }
            stop.set(true);
            assertThat(stopped.await(60, TimeUnit.SECONDS)).as("the threads stopped within a minute").isTrue();
            assertThat(failure.get()).as("an operation during concurrent destroys").isNull();
            assertThat(succeeded.get()).as("operations that succeeded").isPositive();
            for (AesKey key : handles) {
                key.destroy();
            }
            assertNothingReachable(provider, used);
        } finally {
            stop.set(true);
            dumped.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            Reference.reachabilityFence(handles);
            Reference.reachabilityFence(provider);
        }
    }

    /** A fresh key; only its masked first 16 bytes are kept, in {@code used}. */
    private static AesKey newKey(CryptoProvider provider, int bits, String what, List<Used> used,
            List<AesKey> handles) throws GeneralSecurityException {
        byte[] raw = provider.aesKeys().generate(bits);
        byte[] mask = randomBytes(16);
        byte[] masked = new byte[16];
        for (int i = 0; i < 16; i++) {
            masked[i] = (byte) (raw[i] ^ mask[i]);
        }
        AesKey key = provider.aesKeys().importKey(raw);
        Arrays.fill(raw, (byte) 0);
        used.add(new Used(what, masked, mask));
        handles.add(key);
        return key;
    }

    /**
     * Takes a heap dump of live objects and fails if it holds the first 16 bytes of any key in
     * {@code used}, as bytes or as little-endian words.
     */
    private static void assertNothingReachable(CryptoProvider provider, List<Used> used) throws IOException {
        Path dir = Files.createTempDirectory("medcrypt-residue");
        Path dump = dir.resolve("heap.hprof");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
            List<byte[]> patterns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Used u : used) {
                byte[] prefix = u.prefix();
                patterns.add(prefix);
                names.add(u.what() + " (its bytes)");
                patterns.add(littleEndianWords(prefix));
                names.add(u.what() + " (its bytes as little-endian words)");
            }
            boolean[] hits = find(dump, patterns);
            patterns.forEach(pattern -> Arrays.fill(pattern, (byte) 0));
            List<String> found = new ArrayList<>();
            for (int i = 0; i < hits.length; i++) {
                if (hits[i]) {
                    found.add(names.get(i));
                }
            }
            assertThat(found)
                    .as("keys of %s found in reachable memory after destroy() (heap dump of live objects)",
                            provider.id())
                    .isEmpty();
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Uses {@code key} on a new thread, destroys it there or leaves that to the caller, and
     * keeps the thread (and whatever it caches) alive until {@code dumped}.
     */
    private static Thread useOnOwnThread(CryptoProvider provider, AesKey key, Mode mode, boolean decryptLast,
            boolean destroyThere, CountDownLatch dumped) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                use(provider, key, mode, decryptLast);
                if (destroyThere) {
                    key.destroy();
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
            try {
                dumped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "residue-" + mode);
        thread.setDaemon(true);
        thread.start();
        assertThat(done.await(60, TimeUnit.SECONDS)).as("the key was used within a minute").isTrue();
        assertThat(failure.get()).as("using the key on its own thread").isNull();
        return thread;
    }

    private static void use(CryptoProvider provider, AesKey key, Mode mode, boolean decryptLast)
            throws GeneralSecurityException {
        byte[] plaintext = randomBytes(100);
        if (mode == Mode.CBC) {
            byte[] ciphertext = provider.aesCbc().encrypt(key, plaintext);
            assertThat(provider.aesCbc().decrypt(key, ciphertext)).isEqualTo(plaintext);
            if (!decryptLast) {
                provider.aesCbc().encrypt(key, randomBytes(16), plaintext);
            }
        } else {
            byte[] aad = randomBytes(8);
            byte[] ciphertext = provider.aesGcm().encrypt(key, plaintext, aad);
            assertThat(provider.aesGcm().decrypt(key, ciphertext, aad)).isEqualTo(plaintext);
            if (!decryptLast) {
                provider.aesGcm().encryptWithNonce(key, randomBytes(12), plaintext, aad);
            }
        }
    }

    /** {@code bytes} as Bouncy Castle packs them into round keys, each 4 bytes reversed. */
    private static byte[] littleEndianWords(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i += 4) {
            for (int j = 0; j < 4; j++) {
                out[i + j] = bytes[i + 3 - j];
            }
        }
        return out;
    }

    /** Which of {@code patterns} (16 bytes each) occur in {@code file}, in one pass. */
    private static boolean[] find(Path file, List<byte[]> patterns) throws IOException {
        // the first two bytes of a pattern select the candidates to compare at a position
        boolean[] starts = new boolean[1 << 16];
        for (byte[] pattern : patterns) {
            starts[((pattern[0] & 0xff) << 8) | (pattern[1] & 0xff)] = true;
        }
        boolean[] hits = new boolean[patterns.size()];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long chunk = 1L << 28;
            for (long start = 0; start < size; start += chunk) {
                int length = (int) Math.min(size - start, chunk + 15);
                MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
                for (int i = 0; i + 16 <= length; i++) {
                    if (!starts[((buffer.get(i) & 0xff) << 8) | (buffer.get(i + 1) & 0xff)]) {
                        continue;
                    }
                    for (int k = 0; k < patterns.size(); k++) {
                        if (!hits[k] && matches(buffer, i, patterns.get(k))) {
                            hits[k] = true;
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static boolean matches(MappedByteBuffer buffer, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (buffer.get(at + j) != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
