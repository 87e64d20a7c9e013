package dev.reactorstudio.studio.services;

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
    private final String id;
    private final String title;
    private final String loggerPrefix;
    private final String browserPath;
    private final IntegerProperty requestedPort;
    private final IntegerProperty boundPort = new SimpleIntegerProperty(0);
    private final StringProperty url = new SimpleStringProperty("");
    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.STOPPED);

    /**
     * @param loggerPrefix the loggers its console shows: one prefix or several, comma-separated
     * @param browserPath  what "Open in browser" shows under the URL (the viewer page, or an info
     *                     route); null when a browser tab has nothing to show (a ws:// server)
     */
    public ServiceEndpoint(String id, String title, int defaultPort, String loggerPrefix, String browserPath) {
        this.id = id;
        this.title = title;
        this.loggerPrefix = loggerPrefix;
        this.browserPath = browserPath;
        this.requestedPort = new SimpleIntegerProperty(defaultPort);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String loggerPrefix() {
        return loggerPrefix;
    }

    public boolean opensInBrowser() {
        return browserPath != null;
    }

    public String browserUrl() {
        return url.get().isEmpty() || browserPath == null ? "" : url.get() + browserPath;
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
}
