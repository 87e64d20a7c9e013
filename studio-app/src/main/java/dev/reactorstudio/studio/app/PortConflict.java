package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.studio.common.Dialogs;
import dev.reactorstudio.studio.services.ServiceEndpoint;
import dev.reactorstudio.studio.services.ServicesListener;
import dev.reactorstudio.studio.services.StudioServices;
import dev.reactorstudio.studio.welcome.EnvironmentCheck;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * A Run that failed because a port is taken (the engine says "cannot start … on HOST:PORT — is the
 * port in use?") offers to switch that service to a free port and run again, instead of leaving
 * the author to find the port field.
 */
final class PortConflict implements ServicesListener {
    private static final Pattern TAKEN = Pattern.compile("on (\\S+):(\\d+) — is the port in use\\?");
    static final ButtonType USE_FREE_PORT = new ButtonType("Use a free port and run", ButtonBar.ButtonData.OK_DONE);

    private final StudioServices services;
    private final Runnable run;
    private final Window owner;
    private final String bindHost;

    PortConflict(StudioServices services, Runnable run, Window owner, String bindHost) {
        this.services = services;
        this.run = run;
        this.owner = owner;
        this.bindHost = bindHost;
    }

    /** The endpoint whose port {@code message} says is taken. */
    Optional<ServiceEndpoint> takenBy(String message) {
        Matcher m = message == null ? null : TAKEN.matcher(message);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        return services.endpoints().stream().filter(e -> e.requestedPort().get() == port).findFirst();
    }

    @Override
    public void failed(String message, List<CompileError> compileErrors) {
        takenBy(message).ifPresent(endpoint -> Platform.runLater(() -> offer(endpoint)));
    }

    private void offer(ServiceEndpoint endpoint) {
        int port = endpoint.requestedPort().get();
        Alert alert = new Alert(Alert.AlertType.WARNING,
                "Another program is using port " + port + ", which the " + endpoint.title() + " is set to bind.\n"
                        + "Use a free port instead? (Remembered; Settings or the Services view change it.)",
                USE_FREE_PORT, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText("Port " + port + " is in use");
        Dialogs.centreOn(alert, owner);
        if (alert.showAndWait().orElse(ButtonType.CANCEL) == USE_FREE_PORT) {
            try {
                endpoint.requestedPort().set(EnvironmentCheck.freePort(bindHost));
            } catch (IOException e) {
                endpoint.requestedPort().set(0);
            }
            run.run();
        }
    }
}
