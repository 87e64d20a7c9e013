package dev.reactorstudio.runtime.fuzz;

import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data-channel fuzzer's model: records every command call it receives and checks each value
 * against the schema its own annotations declare, so a call the runtime should have refused shows
 * up as a violation. Loaded by the real model host from a folder whose manifest names this class
 * (found through the engine's class loader); the test reads the instance the host constructed.
 */
public class RecordingModel extends VideoModel {
    static final Set<String> PALETTES = Set.of("warm", "cool", "mono");
    private static volatile RecordingModel latest;

    final List<String> notes = new CopyOnWriteArrayList<>();
    /** Every call in the order the model ran them: {@code name(value)}. */
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong frames = new AtomicLong();
    private volatile int level;

    public RecordingModel() {
        latest = this;
    }

    static RecordingModel latest() {
        return latest;
    }

    @Override
    public void startSession() {
        SessionContext ctx = Reactor.ctx();
        byte[] frame = new byte[48 * 64 * 3];
        while (!ctx.shouldStop()) {
            java.util.Arrays.fill(frame, (byte) level);
            ctx.emitBlock(frame, 48, 64, 3);
            frames.incrementAndGet();
        }
    }

    @Command(name = "set_level", description = "Grey level")
    public void setLevel(@Param(name = "level", min = 0, max = 255) int value) {
        called("set_level", value >= 0 && value <= 255, value);
        level = value;
    }

    @Command(name = "set_speed", description = "Speed")
    public void setSpeed(@Param(name = "speed", min = 0, max = 10) double value) {
        called("set_speed", value >= 0 && value <= 10, value);
    }

    @Command(name = "set_palette", description = "Palette")
    public void setPalette(@Param(name = "palette", choices = {"warm", "cool", "mono"}) String value) {
        called("set_palette", value != null && PALETTES.contains(value), value);
    }

    @Command(name = "note", description = "Records an id (the fuzzer's marker for a call it sent as valid)")
    public void note(@Param(name = "id") String id, @Param(name = "flag", defaultValue = "false") boolean flag) {
        called("note", id != null, id);
        notes.add(id);
    }

    @Command(name = "work", description = "Takes a while, so a flood of these fills the command queue")
    public void work(@Param(name = "ms", min = 0, max = 50) int ms) throws InterruptedException {
        called("work", ms >= 0 && ms <= 50, ms);
        Thread.sleep(ms);
    }

    @Command(name = "reset", description = "No arguments")
    public void reset() {
        called("reset", true, "");
    }

    @Command(name = "echo", description = "Answers with send({\"type\": \"echo\", \"id\": id})")
    public void echo(@Param(name = "id") String id) {
        called("echo", id != null, id);
        Reactor.ctx().send(java.util.Map.of("type", "echo", "id", id));
    }

    /** A folder whose manifest names this class (an empty {@code classes/} lets the host look it up). */
    static java.nio.file.Path folder() throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("recording-model-");
        java.nio.file.Files.createDirectories(folder.resolve("classes"));
        java.nio.file.Files.writeString(folder.resolve("manifest.json"), "{\"reactor-runtime\":\"0.1.0\",\"class\":\""
                + RecordingModel.class.getName() + "\",\"model_name\":\"recording\",\"model_version\":\"1.0.0\","
                + "\"args\":{\"fps\":30,\"size\":[48,64]},\"weights\":[]}");
        return folder;
    }

    private void called(String name, boolean valid, Object value) {
        calls.incrementAndGet();
        log.add(name + "(" + value + ")");
        if (!valid) {
            violations.add(name + "(" + value + ")");
        }
    }
}
