package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.runtime.registry.ByteSizes;
import dev.reactorstudio.runtime.registry.CacheState;
import dev.reactorstudio.runtime.registry.PushResult;
import dev.reactorstudio.runtime.registry.RegistryException;
import dev.reactorstudio.runtime.registry.RemoteObject;
import dev.reactorstudio.runtime.registry.VerifyReport;
import dev.reactorstudio.runtime.registry.WeightPull;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import dev.reactorstudio.runtime.registry.WeightStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reactor weights list|pull|verify|push}: the weights cache and registry from the shell.
 * Exit codes: 0 ok, 1 a problem (named on stderr), 2 bad usage.
 */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "List, pull, verify and push model weights (S3 registry → ~/.cache/reactor_registry).",
        subcommands = {WeightsCommand.ListWeights.class, WeightsCommand.PullWeights.class, WeightsCommand.VerifyWeights.class, WeightsCommand.PushWeight.class})
final class WeightsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Weight names from arguments: a folder with manifest.json stands for its registry weights. */
    static List<String> names(List<String> args) throws RegistryException {
        Set<String> names = new LinkedHashSet<>();
        for (String arg : args.isEmpty() ? List.of(".") : args) {
            Path folder = Path.of(arg);
            if (Files.isRegularFile(folder.resolve("manifest.json"))) {
                ManifestCheck check = ManifestValidator.read(folder);
                var manifest = check.manifest().orElseThrow(() -> new IllegalArgumentException(
                        folder.resolve("manifest.json") + " has problems — run `reactor validate " + arg + "`"));
                manifest.weights().stream().filter(n -> !n.startsWith("/") && !n.startsWith(".") && !n.startsWith("~"))
                        .forEach(names::add);
            } else if (arg.equals(".")) {
                throw new IllegalArgumentException("no manifest.json here — name a model folder or weight names");
            } else {
                names.add(arg);
            }
        }
        return new ArrayList<>(names);
    }

    static int fail(PrintWriter err, String command, Exception e) {
        err.println("reactor weights " + command + ": " + e.getMessage());
        err.flush();
        return 1;
    }

    /** What one subcommand does with the open registry; returns its exit code. */
    @FunctionalInterface
    interface RegistryWork {
        int run(WeightRegistry weights, PrintWriter out, PrintWriter err) throws RegistryException;
    }

    /** A subcommand that opens the registry from its options. */
    abstract static class RegistrySubcommand implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * How every subcommand runs: the registry opened from its options and closed after, its output flushed,
         * and a registry problem or bad argument named on stderr as {@code reactor weights <subcommand>: ...}
         * with exit code 1.
         */
        final int withRegistry(RegistryWork work) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (WeightRegistry weights = WeightRegistry.open(registry.settings())) {
                int code = work.run(weights, out, err);
                out.flush();
                return code;
            } catch (RegistryException | IllegalArgumentException e) {
                return fail(err, spec.name(), e);
            }
        }
    }

    /** A subcommand over weights named by model folders or weight names. */
    abstract static class TargetsSubcommand extends RegistrySubcommand {
        @Parameters(arity = "0..*", paramLabel = "DIR|NAME", description = "Model folders or weight names (default: current folder).")
        List<String> targets = new ArrayList<>();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show each weight of DIR (or every cached weight) as cached, partial or missing, with sizes."
                    + " Exit 0 when all are cached, 1 otherwise.")
    static final class ListWeights extends RegistrySubcommand {
        @Parameters(index = "0", arity = "0..1", description = "Model folder (default: current folder, else the whole cache).")
        Path folder;

        @Override
        public Integer call() {
            return withRegistry((weights, out, err) -> {
                Path dir = folder == null ? Path.of(".") : folder;
                java.util.List<WeightStatus> statuses = new ArrayList<>();
                if (Files.isRegularFile(dir.resolve("manifest.json"))) {
                    for (String name : names(java.util.List.of(dir.toString()))) {
                        statuses.add(weights.status(name));
                    }
                } else if (folder == null) {
                    statuses.addAll(weights.cachedWeights());
                } else {
                    return fail(err, "list", new IllegalArgumentException(dir.resolve("manifest.json") + " does not exist"));
                }
                String remoteNote = "";
                for (int i = 0; i < statuses.size(); i++) {
                    WeightStatus s = statuses.get(i);
                    if (s.state() != CacheState.CACHED && weights.configured() && remoteNote.isEmpty()) {
                        try {
                            statuses.set(i, s.withExpected(weights.remoteObjects(s.name()).stream().mapToLong(RemoteObject::size).sum()));
                        } catch (RegistryException e) {
                            remoteNote = "registry: " + e.getMessage();
                        }
                    }
                }
                out.printf("%-28s %-8s %12s %12s%n", "WEIGHT", "STATUS", "ON DISK", "SIZE");
                for (WeightStatus s : statuses) {
                    out.printf("%-28s %-8s %12s %12s%n", s.name(), s.state().name().toLowerCase(Locale.ROOT),
                            ByteSizes.format(s.bytesOnDisk()), s.bytesExpected().isPresent() ? ByteSizes.format(s.bytesExpected().getAsLong()) : "?");
                }
                out.printf("cache: %s%n", weights.cache().root());
                if (!remoteNote.isEmpty()) {
                    out.println(remoteNote);
                }
                return statuses.stream().allMatch(s -> s.state() == CacheState.CACHED) ? 0 : 1;
            });
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download weights into the cache: the weights of model folder DIR, or the named weights."
                    + " Resumes partial downloads; Ctrl-C keeps them.")
    static final class PullWeights extends TargetsSubcommand {
        @Override
        public Integer call() {
            return withRegistry((weights, out, err) -> {
                java.util.List<String> names = names(targets);
                if (names.isEmpty()) {
                    out.println("nothing to pull: the manifest lists no registry weights");
                    return 0;
                }
                WeightPull pull = weights.pull(names, new ProgressBar(err, Terminal.interactive()));
                Thread cancelOnCtrlC = new Thread(pull::cancel, "reactor-weights-cancel");
                Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
                try {
                    for (Path folder : pull.run()) {
                        out.println("cached " + folder);
                    }
                } finally {
                    removeHook(cancelOnCtrlC);
                }
                return 0;
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-hash cached weights against their completion records (offline). A damaged weight is"
                    + " demoted to partial so the next pull repairs it. Exit 0 when all verify.")
    static final class VerifyWeights extends TargetsSubcommand {
        @Override
        public Integer call() {
            return withRegistry((weights, out, err) -> {
                boolean ok = true;
                for (String name : names(targets)) {
                    VerifyReport report = weights.verify(name);
                    ok &= report.ok();
                    if (report.ok()) {
                        out.println("ok: " + name + " — " + report.filesChecked() + " files"
                                + (report.unverifiable() > 0 ? " (" + report.unverifiable() + " checked by size only: the registry had no checksum)" : ""));
                    } else {
                        report.problems().forEach(p -> out.println("bad: " + name + ": " + p));
                    }
                }
                return ok ? 0 : 1;
            });
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Upload folder PATH as weight NAME (multipart for large files; each object carries its SHA-256).")
    static final class PushWeight extends RegistrySubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Weight name, e.g. LongLive.")
        String name;

        @Parameters(index = "1", paramLabel = "PATH", description = "Folder to upload.")
        Path path;

        @Option(names = "--replace", description = "Overwrite an existing weight (its objects not in PATH are deleted).")
        boolean replace;

        @Override
        public Integer call() {
            return withRegistry((weights, out, err) -> {
                PushResult result = weights.push(name, path, replace, new ProgressBar(err, Terminal.interactive()));
                out.println("pushed " + result.files() + " files (" + ByteSizes.format(result.bytes()) + ") to "
                        + result.location() + "/" + name + (result.removed() > 0 ? ", removed " + result.removed() + " stale" : ""));
                return 0;
            });
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it cancelled us
        }
    }
}
