package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Re-hashes a cached weight against its completion record, offline. Bad files are deleted and the
 * record removed, so a damaged folder stops counting as cached at once and the next pull repairs
 * only what is broken. Takes the weight's lock so it never races a pull.
 */
final class CacheVerifier {
    private final RegistrySettings settings;
    private final CacheLayout layout;

    CacheVerifier(RegistrySettings settings) {
        this.settings = settings;
        this.layout = new CacheLayout(settings.cacheRoot());
    }

    VerifyReport verify(String name, CancelSignal cancel) throws RegistryException {
        SafeKeys.checkWeightName(name);
        Path folder = layout.weightFolder(name);
        try (WeightLock lock = WeightLock.acquire(layout.lockFile(name), cancel, () -> {})) {
            Optional<CompletionRecord> record = CompletionRecord.read(folder);
            if (record.isEmpty()) {
                CacheState state = Files.isDirectory(folder) ? CacheState.PARTIAL : CacheState.MISSING;
                return new VerifyReport(name, state, 0, 0, List.of(name + " is not completely cached (" + state.name().toLowerCase(Locale.ROOT)
                        + ") — run `reactor weights pull " + name + "`"));
            }
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            List<Path> bad = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger unverifiable = new AtomicInteger();
            ObjectVerifier checker = new ObjectVerifier(null, null, settings, cancel);
            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            try (DownloadPool pool = new DownloadPool(threads, "reactor-verify")) {
                DownloadPool.Batch batch = pool.batch(cancel, settings);
                for (CompletionRecord.Entry entry : record.get().files()) {
                    batch.submit("verifying " + entry.path(), () -> {
                        Path file = SafeKeys.resolveInside(folder, entry.path());
                        if (entry.digest() == null) {
                            unverifiable.incrementAndGet();
                        }
                        String problem = Files.isRegularFile(file)
                                ? checker.mismatch(file, entry.size(), Optional.ofNullable(entry.digest())) : "missing";
                        if (problem != null) {
                            problems.add(entry.path() + ": " + problem);
                            bad.add(file);
                        }
                    });
                }
                batch.await();
            }
            if (!problems.isEmpty()) {
                CompletionRecord.remove(folder);
                for (Path file : bad) {
                    Files.deleteIfExists(file);
                }
            }
            Collections.sort(problems);
            return new VerifyReport(name, problems.isEmpty() ? CacheState.CACHED : CacheState.PARTIAL,
                    record.get().files().size(), unverifiable.get(), problems);
        } catch (IOException e) {
            throw ErrorTranslator.local(e, "verifying " + folder, settings);
        }
    }
}
