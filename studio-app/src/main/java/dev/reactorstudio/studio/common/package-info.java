/**
 * Small pieces every studio view shares: handing work from engine threads to the FX thread
 * without flooding it ({@link dev.reactorstudio.studio.common.FxBatcher}), the problems list the
 * manifest editor and the compiler both feed, status lights and copyable URLs.
 */
package dev.reactorstudio.studio.common;
