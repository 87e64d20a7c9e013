package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.manifest.ClassReference;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Turns a parsed manifest {@code class} into a loaded {@link VideoModel} subclass and the class
 * loader that owns it. Classes are loaded but not initialised: static initialisers run when the
 * model is constructed, under the model's context class loader.
 */
final class ModelClassResolver {
    private static final String VIDEO_MODEL = VideoModel.class.getName();

    /** The model class, its loader (owned by the caller, who closes it) and compiler warnings. */
    record Resolved(Class<? extends VideoModel> modelClass, URLClassLoader loader, List<CompileError> warnings) {}

    private ModelClassResolver() {}

    /**
     * @param pythonRequested the manifest named the file with {@code .py}, so a {@code .java}
     *                        beside it must not be picked instead
     */
    static Resolved resolve(Path folder, ClassReference reference, boolean pythonRequested) throws ModelLoadException {
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException("model folder not found: " + folder);
        }
        if (reference instanceof ClassReference.SourceFile source) {
            return fromSource(folder, source, pythonRequested);
        } else if (reference instanceof ClassReference.JarClass jar) {
            return fromJar(folder, jar);
        }
        return fromFolder(folder, (ClassReference.QualifiedClass) reference);
    }

    private static Resolved fromSource(Path folder, ClassReference.SourceFile source, boolean pythonRequested)
            throws ModelLoadException {
        Path java = folder.resolve(source.fileStem() + ".java");
        Path python = folder.resolve(source.fileStem() + ".py");
        if (!pythonRequested && Files.isRegularFile(java)) {
            return compileAndLoad(folder, java, source.className());
        }
        if (Files.isRegularFile(python)) {
            throw new ModelLoadException("Python models arrive with the Python bridge: " + python.getFileName()
                    + " cannot be loaded by this runtime yet");
        }
        throw new ModelLoadException(pythonRequested ? "model source not found: expected " + python
                : "model source not found: expected " + java + " (a Java model) or " + python + " (a Python model)");
    }

    private static Resolved compileAndLoad(Path folder, Path javaFile, String simpleName) throws ModelLoadException {
        List<Path> folderClassPath = ModelFolderClassPath.entries(folder);
        SourceCompiler.Output output = SourceCompiler.compile(javaFile, folderClassPath);
        CompiledClassLoader loader = new CompiledClassLoader("model:" + javaFile.getFileName(), output.classes(),
                ModelFolderClassPath.urls(folderClassPath), engineLoader());
        try {
            String binaryName = pickCompiledClass(loader, javaFile.getFileName().toString(), simpleName);
            Class<?> cls = load(loader, binaryName, javaFile.getFileName().toString());
            return new Resolved(requireModelClass(cls), loader, output.warnings());
        } catch (ModelLoadException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** The class may be top-level or nested, in a package or not: match its simple name. */
    private static String pickCompiledClass(CompiledClassLoader loader, String fileName, String simpleName)
            throws ModelLoadException {
        List<String> matches = new ArrayList<>();
        for (String name : loader.compiledClassNames()) {
            if (simpleName(name).equals(simpleName)) {
                matches.add(name);
            }
        }
        matches.sort((a, b) -> Integer.compare(a.indexOf('$') < 0 ? 0 : 1, b.indexOf('$') < 0 ? 0 : 1));
        if (matches.isEmpty()) {
            List<String> found = loader.compiledClassNames().stream().map(ModelClassResolver::simpleName)
                    .filter(n -> !n.isEmpty() && !Character.isDigit(n.charAt(0))).sorted().toList();
            throw new ModelLoadException(fileName + " has no class named " + simpleName
                    + " (it declares: " + String.join(", ", found) + ")");
        }
        boolean topLevelFirst = matches.get(0).indexOf('$') < 0;
        if (matches.size() > 1 && !topLevelFirst) {
            throw new ModelLoadException(fileName + " declares several classes named " + simpleName + ": "
                    + String.join(", ", matches) + "; rename all but the model class");
        }
        return matches.get(0);
    }

    private static String simpleName(String binaryName) {
        int cut = Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$'));
        return binaryName.substring(cut + 1);
    }

    private static Resolved fromJar(Path folder, ClassReference.JarClass reference) throws ModelLoadException {
        Path jar = folder.resolve(reference.jarFile());
        if (!Files.isRegularFile(jar)) {
            throw new ModelLoadException("jar not found: " + jar + " (the manifest's class names "
                    + reference.jarFile() + ":" + reference.className() + ")");
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(jar);
        // The named jar first, so its classes win over a same-named class in a dependency jar.
        for (Path entry : ModelFolderClassPath.entries(folder)) {
            if (!isSameFile(entry, jar)) {
                classPath.add(entry);
            }
        }
        URLClassLoader loader = newLoader(jar.getFileName().toString(), classPath);
        try {
            Class<?> cls = load(loader, reference.className(), reference.jarFile() + similarIn(jar, reference.className()));
            return new Resolved(requireModelClass(cls), loader, List.of());
        } catch (ModelLoadException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private static Resolved fromFolder(Path folder, ClassReference.QualifiedClass reference) throws ModelLoadException {
        List<Path> classPath = ModelFolderClassPath.entries(folder);
        if (classPath.isEmpty()) {
            throw new ModelLoadException("class " + reference.className() + " not found: " + folder
                    + " has no classes/ folder and no jars (looked for classes/, *.jar and lib/*.jar)");
        }
        URLClassLoader loader = newLoader(folder.getFileName() + "", classPath);
        try {
            List<String> searched = classPath.stream().map(p -> folder.relativize(p).toString()).toList();
            Class<?> cls = load(loader, reference.className(), "the model folder (searched " + String.join(", ", searched) + ")");
            return new Resolved(requireModelClass(cls), loader, List.of());
        } catch (ModelLoadException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private static URLClassLoader newLoader(String name, List<Path> classPath) throws ModelLoadException {
        return new URLClassLoader("model:" + name, ModelFolderClassPath.urls(classPath), engineLoader());
    }

    private static Class<?> load(ClassLoader loader, String name, String where) throws ModelLoadException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ModelLoadException("class " + name + " not found in " + where);
        } catch (LinkageError e) {
            throw new ModelLoadException("class " + name + " cannot be loaded: " + e
                    + " (is a jar it depends on missing from the model folder or lib/?)", e);
        }
    }

    /** A hint for the common slip of a wrong package: the jar's classes with the same simple name. */
    private static String similarIn(Path jar, String className) {
        String simple = "/" + simpleName(className) + ".class";
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> similar = file.stream().map(e -> "/" + e.getName()).filter(n -> n.endsWith(simple))
                    .map(n -> n.substring(1, n.length() - ".class".length()).replace('/', '.')).toList();
            return similar.isEmpty() ? "" : " (did you mean " + String.join(" or ", similar) + "?)";
        } catch (IOException e) {
            return " (" + e.getMessage() + ")";
        }
    }

    /** Checks what the runtime needs of the class, with a reason for each way it can fall short. */
    static Class<? extends VideoModel> requireModelClass(Class<?> cls) throws ModelLoadException {
        String name = cls.getName();
        if (!VideoModel.class.isAssignableFrom(cls)) {
            if (extendsOtherVideoModel(cls)) {
                throw new ModelLoadException(name + " extends a second copy of " + VIDEO_MODEL
                        + ": the model's jars must not bundle the runtime's api classes");
            }
            throw new ModelLoadException(name + " is not a model: it must extend " + VIDEO_MODEL);
        }
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            throw new ModelLoadException(name + " is abstract: the manifest must name a concrete subclass of "
                    + VIDEO_MODEL);
        }
        if (cls.isMemberClass() && !Modifier.isStatic(cls.getModifiers())) {
            throw new ModelLoadException(name + " is an inner class: declare it static so the runtime can construct it");
        }
        if (cls.getConstructors().length == 0) {
            throw new ModelLoadException(name + " has no public constructor: add public " + cls.getSimpleName()
                    + "() or public " + cls.getSimpleName() + "(Args args)");
        }
        return cls.asSubclass(VideoModel.class);
    }

    private static boolean extendsOtherVideoModel(Class<?> cls) {
        for (Class<?> c = cls.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(VIDEO_MODEL)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static ClassLoader engineLoader() {
        return VideoModel.class.getClassLoader();
    }

    static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Closing only releases jar handles; a failure leaves nothing for the user to fix.
        }
    }
}
