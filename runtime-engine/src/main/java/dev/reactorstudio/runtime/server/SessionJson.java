package dev.reactorstudio.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.manifest.EngineVersion;
import dev.reactorstudio.runtime.manifest.TrackCapabilities;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionInfo;

/** JSON shapes of the runtime API: the session descriptor and the model info document. */
final class SessionJson {
    private final ModelHost host;
    private final ObjectMapper json;

    SessionJson(ModelHost host, ObjectMapper json) {
        this.host = host;
        this.json = json;
    }

    ObjectNode descriptor(Session session) {
        SessionInfo info = session.info();
        ObjectNode body = json.createObjectNode();
        body.put("session_id", info.id());
        body.put("state", info.state().wireName());
        body.put("started_at", info.startedAt().toString());
        body.put("clients", info.clients());
        body.put("emit_rate_fps", round(info.emitRateFps()));
        body.put("delivery_fps", round(info.deliveryFps()));
        body.put("queued_frames", info.queuedFrames());
        if (info.stopReason() != null) {
            body.put("stop_reason", info.stopReason().wireName());
        }
        host.manifest().ifPresent(m -> body.putObject("model").put("name", m.modelName()).put("version", m.modelVersion()));
        host.model().ifPresent(m -> body.set("capabilities", capabilities(m.commands().capabilities())));
        host.sessions().ifPresent(s -> body.set("values", s.reportedValues()));
        return body;
    }

    ObjectNode info() {
        ObjectNode body = json.createObjectNode();
        body.put("engine_version", EngineVersion.current().toString());
        body.put("state", host.state().wireName());
        body.put("folder", host.folder().toString());
        host.manifest().ifPresent(m -> {
            ObjectNode manifest = body.putObject("manifest");
            manifest.put("reactor-runtime", m.reactorRuntime());
            manifest.put("class", m.modelClass());
            manifest.put("model_name", m.modelName());
            manifest.put("model_version", m.modelVersion());
            manifest.set("args", m.args());
            manifest.set("weights", json.valueToTree(m.weights()));
            manifest.set("tracks", TrackCapabilities.json(m.tracks()));
        });
        host.model().ifPresent(m -> {
            body.set("capabilities", capabilities(m.commands().capabilities()));
            body.put("load_time_ms", m.loadTime().toMillis());
        });
        host.sessions().ifPresent(s -> body.set("values", s.reportedValues()));
        host.sessions().ifPresent(s -> body.putObject("pacing")
                .put("fps_cap", s.settings().fpsCap())
                .put("queue_depth", s.settings().queueDepth())
                .put("orphan_timeout_s", s.settings().orphanTimeout().toSeconds()));
        host.failure().ifPresent(f -> body.put("failure", f));
        return body;
    }

    /** The commands' schema plus the declared tracks ({@code {name, kind, direction}}). */
    private ObjectNode capabilities(ObjectNode commands) {
        host.manifest().ifPresent(m -> commands.set("tracks", TrackCapabilities.json(m.tracks())));
        return commands;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
