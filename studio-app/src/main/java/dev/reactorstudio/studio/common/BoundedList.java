package dev.reactorstudio.studio.common;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** An observable list that keeps only its newest {@code limit} items, for logs a session can fill all day. */
public final class BoundedList<T> {
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final int limit;

    public BoundedList(int limit) {
        this.limit = limit;
    }

    /** FX thread. */
    public void addAll(List<T> batch) {
        items.addAll(batch);
        if (items.size() > limit) {
            items.remove(0, items.size() - limit);
        }
    }

    public void clear() {
        items.clear();
    }

    public ObservableList<T> items() {
        return items;
    }
}
