package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The engine's one libwebrtc audio device module and every call Java makes into it. It exists for
 * one rule: no Java call into the module may run while, or after, it is disposed. The sessions'
 * audio threads call {@link #stopCapture()} before each push; the engine's {@link MediaEngine#close()}
 * disposes it. Both take this object's lock, and a disposed module is never touched again, so a
 * push already past the engine's closed check cannot call into a freed module.
 *
 * <p>What the lock cannot cover: libwebrtc's worker thread itself starts the module's recording
 * when an audio sender starts, and webrtc-java 0.14 gives Java no way onto that thread nor a
 * switch to keep recording off ({@code PeerConnectionInterface::SetAudioRecording}). See
 * docs/media.md ("Native ownership") for what that leaves.
 */
final class AudioModule {
    private final HeadlessAudioDeviceModule module = new HeadlessAudioDeviceModule();
    private boolean disposed;

    /** The module to build the factory with; only the factory and this class may use it. */
    HeadlessAudioDeviceModule forFactory() {
        return module;
    }

    /**
     * Stops the module's silent capture thread if libwebrtc started it (a cheap no-op when it is
     * stopped, and once disposed): the model's audio is pushed through a {@code CustomAudioSource}
     * into the same senders, and two threads pushing into one sender abort the JVM.
     *
     * @return false once the module is disposed (the caller's audio has nowhere to go)
     */
    synchronized boolean stopCapture() {
        if (disposed) {
            return false;
        }
        module.stopRecording();
        return true;
    }

    /** Frees the module; later calls here do nothing. Call after the factory that uses it was disposed. */
    synchronized void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        module.dispose();
    }

    synchronized boolean isDisposed() {
        return disposed;
    }
}
