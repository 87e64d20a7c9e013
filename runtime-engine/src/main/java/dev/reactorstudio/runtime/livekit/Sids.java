package dev.reactorstudio.runtime.livekit;

import java.security.SecureRandom;

/**
 * Server ids in LiveKit's style. The client tells participants from tracks by the prefix
 * ({@code PA_}, {@code TR_}, {@code RM_}), so the prefixes are part of the protocol.
 */
final class Sids {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {
    }

    static String room() {
        return "RM_" + random(12);
    }

    static String participant() {
        return "PA_" + random(12);
    }

    static String track() {
        return "TR_" + random(12);
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
