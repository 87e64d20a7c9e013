package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.fleet.join.FleetMember;
import dev.reactorstudio.runtime.fleet.join.JoinOptions;
import dev.reactorstudio.runtime.fleet.join.JoinRefusedException;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/** {@code reactor run DIR --join URL}: serves the model as one runtime of a fleet until Ctrl-C. */
final class JoinedRun {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path folder;

    JoinedRun(CommandLine.Model.CommandSpec spec, Path folder) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.folder = folder;
    }

    int run(ServiceOptions services, JoinOptions join) throws InterruptedException {
        FleetMember member;
        try {
            member = FleetMember.start(services, join);
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("reactor run: " + e.getMessage());
            err.flush();
            return e instanceof IllegalArgumentException ? 2 : 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("Stopping: leaving the fleet, ending the session and freeing the ports...");
            out.flush();
            member.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "reactor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Runtime API   " + member.services().runtimeUrl() + "  (loopback only in a fleet)");
        out.println("Fleet agent   " + member.advertisedUrl() + "  (coordinators call it with the shared secret)");
        out.flush();
        try {
            member.loadAndJoin(join);
        } catch (ModelHostException e) {
            return fail(hook, member, "cannot load " + folder.toAbsolutePath().normalize() + "\n" + e.getMessage());
        } catch (JoinRefusedException e) {
            return fail(hook, member, e.getMessage());
        }
        out.println("Joined        " + join.coordinators() + " — model "
                + member.services().host().manifest().map(m -> m.modelName() + " " + m.modelVersion()).orElse("")
                + ". Ctrl-C leaves the fleet.");
        out.flush();
        stopped.await();
        return 0;
    }

    private int fail(Thread hook, FleetMember member, String message) {
        err.println("reactor run: " + message);
        err.flush();
        Runtime.getRuntime().removeShutdownHook(hook);
        member.close();
        return 1;
    }
}
