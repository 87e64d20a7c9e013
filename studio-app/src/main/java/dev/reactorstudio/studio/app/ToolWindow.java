package dev.reactorstudio.studio.app;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/** A tool window: what it shows, where it docks by default and the shortcut that shows it. */
record ToolWindow(String id, String title, Node content, Dock.Side defaultSide, KeyCombination shortcut) {}
