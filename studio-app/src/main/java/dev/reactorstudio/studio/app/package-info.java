/**
 * The application shell: launcher, the composition root ({@link dev.reactorstudio.studio.app.Studio})
 * that builds the parts and wires them, the window layout with dockable tool windows, menus,
 * toolbar and shortcuts, the project-level actions, themes and remembered window state.
 */
package dev.reactorstudio.studio.app;
