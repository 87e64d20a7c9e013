package dev.reactorstudio.runtime.model;

import java.util.List;

/** A command's wire spec tied to what runs it (a Java method, or a call into a Python process). */
record CommandBinding(CommandSpec spec, CommandInvoker invoker, List<ParamBinding> params) {

    CommandBinding {
        params = List.copyOf(params);
    }

    String name() {
        return spec.name();
    }
}
