package dev.reactorstudio.runtime.model;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;

/**
 * Defines the classes compiled from a model source file, and finds the folder's jars behind them.
 * Parent-first delegation to the engine's loader keeps one copy of the author API, so the model's
 * {@code VideoModel} is the runtime's.
 */
final class CompiledClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled;

    CompiledClassLoader(String name, Map<String, byte[]> compiled, URL[] folderClassPath, ClassLoader parent) {
        super(name, folderClassPath, parent);
        this.compiled = Map.copyOf(compiled);
    }

    /** Binary names of the compiled classes, e.g. {@code Outer$Inner}. */
    Set<String> compiledClassNames() {
        return compiled.keySet();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
