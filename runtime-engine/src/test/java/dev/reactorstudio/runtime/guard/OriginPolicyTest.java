package dev.reactorstudio.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy loopback = OriginPolicy.loopbackOnly();

    @Test
    void loopbackPagesOnAnyPortAreAllowedByDefault() {
        assertThat(loopback.allows("http://localhost:5173")).isTrue();
        assertThat(loopback.allows("http://localhost")).isTrue();
        assertThat(loopback.allows("https://127.0.0.1:8443")).isTrue();
        assertThat(loopback.allows("http://127.10.20.30:3000")).isTrue();
        assertThat(loopback.allows("http://[::1]:8080")).isTrue();
        assertThat(loopback.allows("HTTP://LOCALHOST:3000")).isTrue();
    }

    @Test
    void requestsWithoutAnOriginComeFromNoPageAndPass() {
        assertThat(loopback.allows(null)).isTrue();
    }

    @Test
    void foreignLookalikeAndOpaqueOriginsAreRefused() {
        assertThat(loopback.allows("http://evil.example.com")).isFalse();
        assertThat(loopback.allows("http://localhost.evil.example.com")).isFalse();
        assertThat(loopback.allows("http://127.0.0.1.nip.io:8080")).isFalse();
        assertThat(loopback.allows("http://128.0.0.1")).isFalse();
        assertThat(loopback.allows("http://192.168.1.20:5173")).isFalse();
        assertThat(loopback.allows("null")).as("sandboxed frames and file: pages").isFalse();
        assertThat(loopback.allows("chrome-extension://abcdef")).isFalse();
        assertThat(loopback.allows("file://localhost")).as("loopback means http(s) pages").isFalse();
        assertThat(loopback.allows("http://localhost:5173/path")).as("not an origin").isFalse();
        assertThat(loopback.allows("")).isFalse();
    }

    @Test
    void explicitEntriesAddExactOriginsOrAnyPort() {
        OriginPolicy policy = OriginPolicy.allowing(List.of("http://192.168.1.20:5173", "http://devbox:*", "https://app.example.com"));
        assertThat(policy.allows("http://192.168.1.20:5173")).isTrue();
        assertThat(policy.allows("http://192.168.1.20:5174")).isFalse();
        assertThat(policy.allows("https://192.168.1.20:5173")).as("scheme is part of the origin").isFalse();
        assertThat(policy.allows("http://devbox:1")).isTrue();
        assertThat(policy.allows("http://DEVBOX:65535")).isTrue();
        assertThat(policy.allows("http://devbox.evil.com:80")).isFalse();
        assertThat(policy.allows("https://app.example.com")).isTrue();
        assertThat(policy.allows("https://app.example.com:443")).as("default port written out").isTrue();
        assertThat(policy.allows("https://app.example.com:8443")).isFalse();
        assertThat(policy.allows("http://localhost:3000")).as("loopback stays allowed").isTrue();
        assertThat(policy.entries()).containsExactly("http://192.168.1.20:5173", "http://devbox:*", "https://app.example.com");
        assertThat(policy.hasExplicitEntries()).isTrue();
        assertThat(loopback.hasExplicitEntries()).isFalse();
    }

    @Test
    void starAllowsEveryOriginAndSaysSo() {
        OriginPolicy any = OriginPolicy.allowing(List.of("*"));
        assertThat(any.allows("http://evil.example.com")).isTrue();
        assertThat(any.allows("null")).isTrue();
        assertThat(any.allowsAnyOrigin()).isTrue();
        assertThat(loopback.allowsAnyOrigin()).isFalse();
    }

    @Test
    void aBadEntryNamesItselfAndTheFormToUse() {
        assertThatThrownBy(() -> OriginPolicy.allowing(List.of("192.168.1.20:5173")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"192.168.1.20:5173\" is not an origin").hasMessageContaining("scheme://host[:port]");
        assertThatThrownBy(() -> OriginPolicy.allowing(List.of("http://devbox:99999")))
                .hasMessageContaining("port 99999");
        assertThatThrownBy(() -> OriginPolicy.allowing(List.of("http://devbox/app")))
                .hasMessageContaining("is not an origin");
    }

    @Test
    void ipv6EntriesMatchBracketedOrigins() {
        OriginPolicy policy = OriginPolicy.allowing(List.of("http://[fd00::20]:*"));
        assertThat(policy.allows("http://[fd00::20]:5173")).isTrue();
        assertThat(policy.allows("http://[fd00::21]:5173")).isFalse();
    }
}
