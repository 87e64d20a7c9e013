package dev.reactorstudio.studio.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The IDE layout around the editor: tool windows docked as tabs on the right or at the bottom,
 * each movable (tab context menu) and hideable (View menu, shortcuts, the tab's Hide). A dock
 * with no visible tool window collapses so the editor gets the space. Placement, visibility and
 * split positions are remembered.
 */
final class Dock {
    enum Side { RIGHT, BOTTOM }

    private final Preferences prefs;
    private final TabPane right = new TabPane();
    private final TabPane bottom = new TabPane();
    private final SplitPane horizontal = new SplitPane();
    private final SplitPane vertical = new SplitPane();
    private final Map<String, ToolWindow> windows = new LinkedHashMap<>();
    private final Map<String, Tab> tabs = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> visible = new LinkedHashMap<>();
    private double rightDivider;
    private double bottomDivider;
    private double treeDivider;
    /** While nothing runs the right dock (Preview, Weights) keeps only this width, so the editor has the room. */
    static final double COMPACT_RIGHT_WIDTH = 320;
    private boolean rightCompact;

    Dock(Node projectTree, Node editors, Preferences prefs) {
        this.prefs = prefs;
        right.setId("dock-right");
        bottom.setId("dock-bottom");
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.getItems().add(editors);
        horizontal.getItems().addAll(projectTree, vertical);
        SplitPane.setResizableWithParent(projectTree, false);
        rightDivider = prefs.getDouble("dock.right", 0.56);
        bottomDivider = prefs.getDouble("dock.bottom", 0.68);
        treeDivider = prefs.getDouble("dock.tree", 0.15);
        right.getTabs().addListener((ListChangeListener<Tab>) c -> relayout());
        // The compact width is in pixels: it is only known once laid out, and kept as the window resizes.
        horizontal.widthProperty().addListener((o, a, b) -> {
            double[] h = horizontal.getDividerPositions();
            if (rightCompact && b.doubleValue() > 0 && h.length > 1) {
                horizontal.setDividerPositions(h[0], compactRightDivider());
            }
        });
        bottom.getTabs().addListener((ListChangeListener<Tab>) c -> relayout());
    }

    Node node() {
        return horizontal;
    }

    void add(ToolWindow window) {
        windows.put(window.id(), window);
        Tab tab = new Tab(window.title(), window.content());
        tab.setId("tool-" + window.id());
        tab.setClosable(true);
        tabs.put(window.id(), tab);
        BooleanProperty shown = new SimpleBooleanProperty(prefs.getBoolean("tool." + window.id() + ".visible", true));
        visible.put(window.id(), shown);
        tab.setOnClosed(e -> shown.set(false));
        MenuItem toRight = new MenuItem("Move to right");
        toRight.setOnAction(e -> moveTo(window.id(), Side.RIGHT));
        MenuItem toBottom = new MenuItem("Move to bottom");
        toBottom.setOnAction(e -> moveTo(window.id(), Side.BOTTOM));
        MenuItem hide = new MenuItem("Hide");
        hide.setOnAction(e -> shown.set(false));
        tab.setContextMenu(new ContextMenu(toRight, toBottom, hide));
        shown.addListener((o, a, b) -> {
            prefs.putBoolean("tool." + window.id() + ".visible", b);
            place(window.id());
        });
        place(window.id());
    }

    BooleanProperty visible(String id) {
        return visible.get(id);
    }

    Iterable<ToolWindow> windows() {
        return windows.values();
    }

    /** Shows a tool window and brings it to the front. */
    void show(String id) {
        visible.get(id).set(true);
        Tab tab = tabs.get(id);
        tab.getTabPane().getSelectionModel().select(tab);
    }

    Tab tab(String id) {
        return tabs.get(id);
    }

    void moveTo(String id, Side side) {
        prefs.put("tool." + id + ".side", side.name());
        place(id);
        show(id);
    }

    private Side side(String id) {
        try {
            return Side.valueOf(prefs.get("tool." + id + ".side", windows.get(id).defaultSide().name()));
        } catch (IllegalArgumentException e) {
            return windows.get(id).defaultSide();
        }
    }

    private void place(String id) {
        Tab tab = tabs.get(id);
        if (tab.getTabPane() != null) {
            tab.getTabPane().getTabs().remove(tab);
        }
        if (visible.get(id).get()) {
            TabPane target = side(id) == Side.RIGHT ? right : bottom;
            int index = 0;
            for (String other : tabs.keySet()) {
                if (other.equals(id)) {
                    break;
                }
                if (tabs.get(other).getTabPane() == target) {
                    index++;
                }
            }
            target.getTabs().add(index, tab);
        }
    }

    private void relayout() {
        rememberDividers();
        applyLayout();
    }

    /** Puts the docks in or out of the splits and sets the split positions, remembering nothing. */
    private void applyLayout() {
        boolean hasRight = !right.getTabs().isEmpty();
        boolean hasBottom = !bottom.getTabs().isEmpty();
        double tree = treeDivider;
        if (hasRight != horizontal.getItems().contains(right)) {
            if (hasRight) {
                horizontal.getItems().add(right);
            } else {
                horizontal.getItems().remove(right);
            }
        }
        if (hasBottom != vertical.getItems().contains(bottom)) {
            if (hasBottom) {
                vertical.getItems().add(bottom);
            } else {
                vertical.getItems().remove(bottom);
            }
        }
        if (hasRight) {
            horizontal.setDividerPositions(tree, rightCompact ? compactRightDivider() : rightDivider);
        } else {
            horizontal.setDividerPositions(tree);
        }
        if (hasBottom) {
            vertical.setDividerPositions(bottomDivider);
        }
    }

    /**
     * Applies the remembered split positions once the window has its size: positions set before
     * the first layout are recomputed from the children's preferred sizes.
     */
    void applyDividers() {
        relayout();
    }

    private void rememberDividers() {
        if (horizontal.getScene() == null || horizontal.getWidth() == 0) {
            return; // not laid out yet: the positions are the defaults, not the author's
        }
        double[] h = horizontal.getDividerPositions();
        if (h.length > 0) {
            treeDivider = h[0];
        }
        if (horizontal.getItems().contains(right) && h.length > 1 && !rightCompact) {
            rightDivider = h[1];
        }
        double[] v = vertical.getDividerPositions();
        if (vertical.getItems().contains(bottom) && v.length > 0) {
            bottomDivider = v[0];
        }
    }

    /**
     * Narrows the right dock to {@value #COMPACT_RIGHT_WIDTH} px (while nothing runs) or gives it
     * back its remembered width (on Run). The remembered width is the author's, never the compact one.
     */
    void setRightCompact(boolean compact) {
        if (compact == rightCompact) {
            return;
        }
        rememberDividers(); // the positions on screen are still the old mode's
        rightCompact = compact;
        applyLayout();
    }

    boolean rightCompact() {
        return rightCompact;
    }

    private double compactRightDivider() {
        double width = horizontal.getWidth();
        if (width <= 0) {
            return rightDivider;
        }
        return Math.max(rightDivider, 1 - COMPACT_RIGHT_WIDTH / width);
    }

    /** Stores split positions (on close). */
    void save() {
        rememberDividers();
        prefs.putDouble("dock.right", rightDivider);
        prefs.putDouble("dock.bottom", bottomDivider);
        prefs.putDouble("dock.tree", treeDivider);
    }
}
