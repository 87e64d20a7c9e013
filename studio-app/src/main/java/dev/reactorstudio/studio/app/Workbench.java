package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.project.Project;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The studio's shared state: the open project and the status-bar message. FX thread only. */
public final class Workbench {
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Open a model folder to begin");

    public ObjectProperty<Project> project() {
        return project;
    }

    public StringProperty status() {
        return status;
    }
}
