/**
 * What every server (:8081, :8080, :7880) checks before it acts on a request: the browser
 * {@code Origin} against an allow-list ({@link dev.reactorstudio.runtime.guard.OriginPolicy},
 * loopback pages by default), the {@code Host} header of loopback binds (DNS rebinding), body
 * sizes, and the limits on what one client may consume ({@link dev.reactorstudio.runtime.guard.Limits}).
 * Servers install it with {@link dev.reactorstudio.runtime.guard.HttpGuard#install}; it depends on
 * Javalin and nothing else in the engine, so every layer may use it.
 */
package dev.reactorstudio.runtime.guard;
