package dev.reactorstudio.studio.services;

import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One service as the Services view lists it: the port the author asked for (0 = any free port),
 * the port it actually bound, its URL, its state and the loggers its console shows. FX thread only.
 */
public final class ServiceEndpoint {

    /** A page of this service worth opening in a browser, and what the button says. */
    public record BrowserPage(String path, String action) {}

    private final String id;
    private final String title;
    private final LoggerScope logs;
    private final Optional<BrowserPage> page;
    private final IntegerProperty requestedPort;
    private final IntegerProperty boundPort = new SimpleIntegerProperty(0);
    private final StringProperty url = new SimpleStringProperty("");
    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.STOPPED);
    /** What a long step is doing (installing a Python model's requirements); empty when nothing is. */
    private final StringProperty detail = new SimpleStringProperty("");
    /** That step's progress, 0..1; -1 when there is none. */
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty(-1);

    /**
     * @param page what "Open in browser" shows under the URL (the viewer page, an info route), if anything
     */
    public ServiceEndpoint(String id, String title, int defaultPort, LoggerScope logs, Optional<BrowserPage> page) {
        this.id = id;
        this.title = title;
        this.logs = logs;
        this.page = page;
        this.requestedPort = new SimpleIntegerProperty(defaultPort);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public LoggerScope logs() {
        return logs;
    }

    public Optional<BrowserPage> page() {
        return page;
    }

    /** The page's URL while the service has one; empty otherwise. */
    public String browserUrl() {
        return url.get().isEmpty() || page.isEmpty() ? "" : url.get() + page.get().path();
    }

    public IntegerProperty requestedPort() {
        return requestedPort;
    }

    public IntegerProperty boundPort() {
        return boundPort;
    }

    public StringProperty url() {
        return url;
    }

    public ObjectProperty<ServiceState> state() {
        return state;
    }

    public StringProperty detail() {
        return detail;
    }

    public javafx.beans.property.DoubleProperty progress() {
        return progress;
    }

    /** Shows a long step in the row; {@code done} leaves its last words without a bar. */
    void step(String words, double fraction, boolean done) {
        detail.set(words);
        progress.set(done ? -1 : fraction);
    }

    /** Running at {@code port}, reachable at {@code address}, now in {@code now}. */
    void bound(int port, String address, ServiceState now) {
        boundPort.set(port);
        url.set(address);
        state.set(now);
    }

    /** No longer bound (stopped, or never started because Run failed). */
    void unbound(ServiceState now) {
        progress.set(-1);
        if (now == ServiceState.STOPPED) {
            detail.set("");
        }
        boundPort.set(0);
        url.set("");
        state.set(now);
    }
}
