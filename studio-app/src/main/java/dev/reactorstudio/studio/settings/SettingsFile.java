package dev.reactorstudio.studio.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The studio's settings as a {@link Preferences} tree kept in one readable properties file
 * ({@code ~/.config/reactor-studio/settings.properties}), so every part keeps using the
 * {@code Preferences} API while the user (and a test) decides where the file lives. The JDK's own
 * file store puts one XML file per node under {@code ~/.java} and cannot be pointed elsewhere per
 * instance.
 *
 * <p>A key {@code k} of node {@code a/b} is stored as {@code a/b/k}. Every change is written at once
 * (write to a temporary file, then rename), so a crash never leaves half a file; the file is tiny.
 * Two studios running at once share it: the last one to change something writes the whole file.
 */
public final class SettingsFile extends AbstractPreferences {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SettingsFile.class);
    private final Store store;
    private final String prefix;

    private SettingsFile(SettingsFile parent, String name, Store store) {
        super(parent, name);
        this.store = store;
        this.prefix = parent == null ? "" : parent.prefix + name + "/";
    }

    /** The root node of the settings in {@code file}; a missing file is an empty one, created on the first change. */
    public static Preferences open(Path file) {
        return new SettingsFile(null, "", new Store(file));
    }

    /** The file behind {@code prefs} when it is a settings file node. */
    public static java.util.Optional<Path> fileOf(Preferences prefs) {
        return prefs instanceof SettingsFile s ? java.util.Optional.of(s.store.file) : java.util.Optional.empty();
    }

    @Override
    protected void putSpi(String key, String value) {
        store.put(prefix + key, value);
    }

    @Override
    protected String getSpi(String key) {
        return store.get(prefix + key);
    }

    @Override
    protected void removeSpi(String key) {
        store.remove(prefix + key);
    }

    @Override
    protected void removeNodeSpi() {
        store.removeUnder(prefix);
    }

    @Override
    protected String[] keysSpi() {
        return store.namesUnder(prefix, false);
    }

    @Override
    protected String[] childrenNamesSpi() {
        return store.namesUnder(prefix, true);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
        return new SettingsFile(this, name, store);
    }

    @Override
    protected void syncSpi() throws BackingStoreException {
        flushSpi();
    }

    @Override
    protected void flushSpi() throws BackingStoreException {
        try {
            store.save();
        } catch (UncheckedIOException e) {
            throw new BackingStoreException(e);
        }
    }

    /** The file's contents, shared by all nodes of one file. */
    private static final class Store {
        private final Path file;
        private final Properties values = new Properties();

        Store(Path file) {
            this.file = file;
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    values.load(in);
                } catch (IOException | IllegalArgumentException e) {
                    // An unreadable file must not stop the studio from starting: it starts with defaults
                    // and the broken file is kept aside for the user.
                    try {
                        Files.move(file, file.resolveSibling(file.getFileName() + ".broken"), StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ignored) {
                        // the next save overwrites it
                    }
                }
            }
        }

        synchronized String get(String key) {
            return values.getProperty(key);
        }

        synchronized void put(String key, String value) {
            if (!value.equals(values.put(key, value))) {
                saveQuietly();
            }
        }

        synchronized void remove(String key) {
            if (values.remove(key) != null) {
                saveQuietly();
            }
        }

        synchronized void removeUnder(String prefix) {
            if (values.keySet().removeIf(k -> k.toString().startsWith(prefix))) {
                saveQuietly();
            }
        }

        /** Keys directly under {@code prefix}, or the names of its child nodes. */
        synchronized String[] namesUnder(String prefix, boolean children) {
            Set<String> names = new LinkedHashSet<>();
            for (Object key : values.keySet()) {
                String k = key.toString();
                if (k.startsWith(prefix)) {
                    String rest = k.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    if (children && slash > 0) {
                        names.add(rest.substring(0, slash));
                    } else if (!children && slash < 0) {
                        names.add(rest);
                    }
                }
            }
            return names.toArray(String[]::new);
        }

        /** A setting that cannot be written is logged, never thrown into the control that changed it. */
        private void saveQuietly() {
            try {
                save();
            } catch (UncheckedIOException e) {
                LOG.warn("{}", e.getMessage());
            }
        }

        synchronized void save() {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".settings-", ".tmp");
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    sorted().store(out, "Reactor Studio settings (written by the studio; edit while it is closed)");
                }
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the settings file " + file + ": " + e.getMessage(), e);
            }
        }

        /** A copy that {@link Properties#store} writes in key order, so the file reads like a list. */
        private Properties sorted() {
            Properties copy = new Properties() {
                @Override
                public Set<Map.Entry<Object, Object>> entrySet() {
                    Set<Map.Entry<Object, Object>> set = new TreeSet<>(Comparator.comparing(e -> e.getKey().toString()));
                    set.addAll(super.entrySet());
                    return Collections.unmodifiableSet(set);
                }
            };
            copy.putAll(values);
            return copy;
        }
    }
}
