package dev.reactorstudio.runtime.server;

import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose {@code hold} command blocks until the test releases it, so the commands behind
 * it queue up. Loaded by the real model host from a folder whose manifest names this class; the
 * test reaches the instance through {@link #latest()}.
 */
public class HoldingModel extends VideoModel {
    private static volatile HoldingModel latest;

    final Semaphore holding = new Semaphore(0);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger ran = new AtomicInteger();

    public HoldingModel() {
        latest = this;
    }

    static HoldingModel latest() {
        return latest;
    }

    @Override
    public void startSession() {
        SessionContext ctx = Reactor.ctx();
        byte[] frame = new byte[16 * 16 * 3];
        while (!ctx.shouldStop()) {
            ctx.emitBlock(frame, 16, 16, 3);
        }
    }

    @Command(name = "hold", description = "Waits until the test releases it (at most 30 s)")
    public void hold() throws InterruptedException {
        holding.release();
        release.await(30, TimeUnit.SECONDS);
        ran.incrementAndGet();
    }
}
