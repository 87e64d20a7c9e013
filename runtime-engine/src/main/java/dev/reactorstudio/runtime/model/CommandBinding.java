package dev.reactorstudio.runtime.model;

import java.lang.reflect.Method;
import java.util.List;

/** A command's wire spec tied to the model method it calls. */
record CommandBinding(CommandSpec spec, Method method, List<ParamBinding> params) {

    CommandBinding {
        params = List.copyOf(params);
    }

    String name() {
        return spec.name();
    }
}
