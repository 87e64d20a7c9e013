package dev.reactorstudio.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackNamesTest {
    @Test
    void loopbackNamesAndLiterals() {
        assertThat(LoopbackNames.isLoopback("localhost")).isTrue();
        assertThat(LoopbackNames.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackNames.isLoopback("127.255.0.9")).isTrue();
        assertThat(LoopbackNames.isLoopback("[::1]")).isTrue();
        assertThat(LoopbackNames.isLoopback("::1")).isTrue();
        assertThat(LoopbackNames.isLoopback("0.0.0.0")).isFalse();
        assertThat(LoopbackNames.isLoopback("10.203.0.1")).isFalse();
        assertThat(LoopbackNames.isLoopback("127.0.0.1.evil.com")).isFalse();
        assertThat(LoopbackNames.isLoopback("127.0.0.256")).isFalse();
        assertThat(LoopbackNames.isLoopback(null)).isFalse();
    }

    @Test
    void hostOfHeaderDropsThePort() {
        assertThat(LoopbackNames.hostOfHeader("Example.com:8080")).isEqualTo("example.com");
        assertThat(LoopbackNames.hostOfHeader("[::1]:8080")).isEqualTo("[::1]");
        assertThat(LoopbackNames.hostOfHeader("localhost")).isEqualTo("localhost");
        assertThat(LoopbackNames.hostOfHeader(" ")).isNull();
    }

    @Test
    void ipLiteralsCannotBeRebound() {
        assertThat(LoopbackNames.isIpLiteral("10.203.0.1")).isTrue();
        assertThat(LoopbackNames.isIpLiteral("[fe80::1]")).isTrue();
        assertThat(LoopbackNames.isIpLiteral("rebind.evil.com")).isFalse();
        assertThat(LoopbackNames.isIpLiteral("1.2.3")).isFalse();
    }

    @Test
    void wildcards() {
        assertThat(LoopbackNames.isWildcard("0.0.0.0")).isTrue();
        assertThat(LoopbackNames.isWildcard("[::]")).isTrue();
        assertThat(LoopbackNames.isWildcard("127.0.0.1")).isFalse();
    }
}
