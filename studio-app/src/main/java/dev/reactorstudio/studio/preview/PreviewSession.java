package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionBusyException;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionListener;
import dev.reactorstudio.runtime.session.SessionManager;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Connect and Disconnect: starts a local session (or joins the running one) and attaches the
 * preview as a client, so the orphan timeout never stops a session the author is watching.
 * Session events arrive on engine threads and are re-published on the FX thread.
 */
final class PreviewSession implements SessionListener {
    static final String CLIENT_ID = "studio-preview";

    private final BooleanProperty connected = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Not running");
    private SessionManager manager;
    private Session session;

    void attach(SessionManager sessions) {
        manager = sessions;
        manager.addListener(this);
        status.set("Ready — Connect to start a session");
    }

    void detach() {
        if (manager != null) {
            manager.removeListener(this);
        }
        manager = null;
        session = null;
        connected.set(false);
        status.set("Not running");
    }

    SessionManager manager() {
        return manager;
    }

    void connect() {
        if (manager == null || connected.get()) {
            return;
        }
        try {
            session = manager.start();
        } catch (SessionBusyException e) {
            session = manager.current().orElse(null);
            if (session == null) {
                status.set(e.getMessage());
                return;
            }
        }
        session.attachClient(CLIENT_ID);
        connected.set(true);
        status.set("Session " + shortId(session.id()));
    }

    void disconnect() {
        if (manager == null || session == null) {
            return;
        }
        session.detachClient(CLIENT_ID);
        manager.stop(EndReason.STOPPED);
        connected.set(false);
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event.type() == SessionEvent.Type.ENDED) {
            Platform.runLater(() -> {
                if (session != null && session.id().equals(event.sessionId())) {
                    connected.set(false);
                    session = null;
                }
                status.set("Session ended (" + event.endReason().wireName() + ")"
                        + event.errorMessage().map(m -> ": " + m).orElse(""));
            });
        }
    }

    ReadOnlyBooleanProperty connected() {
        return connected;
    }

    StringProperty status() {
        return status;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
