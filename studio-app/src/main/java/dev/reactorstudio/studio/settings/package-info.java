/**
 * Where the studio keeps what it remembers: the user's folders ({@link dev.reactorstudio.studio.settings.UserDirs},
 * XDG config/state), the one settings file ({@link dev.reactorstudio.studio.settings.SettingsFile}, a
 * {@code java.util.prefs} node over a properties file) and the rotated log file
 * ({@link dev.reactorstudio.studio.settings.AppLog}).
 */
package dev.reactorstudio.studio.settings;
