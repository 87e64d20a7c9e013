package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a client on another machine is told when the servers listen on every interface. */
class ClientUrlsTest {

    @Test
    void wildcardBecomesTheHostTheClientReachedUsAt() {
        assertThat(ClientUrls.reachableFrom("ws://0.0.0.0:7880", "studio.lan:8080")).isEqualTo("ws://studio.lan:7880");
        assertThat(ClientUrls.reachableFrom("ws://0.0.0.0:7880", "192.168.1.20:8080")).isEqualTo("ws://192.168.1.20:7880");
        assertThat(ClientUrls.reachableFrom("ws://[::]:7880", "[fd00::5]:8080")).isEqualTo("ws://[fd00::5]:7880");
        assertThat(ClientUrls.reachableFrom("http://0.0.0.0:8081/health", "studio.lan")).isEqualTo("http://studio.lan:8081/health");
    }

    @Test
    void specificBindAddressesAndMissingHostsAreLeftAlone() {
        assertThat(ClientUrls.reachableFrom("ws://10.203.0.1:7880", "other:8080")).isEqualTo("ws://10.203.0.1:7880");
        assertThat(ClientUrls.reachableFrom("ws://127.0.0.1:7880", "localhost:8080")).isEqualTo("ws://127.0.0.1:7880");
        assertThat(ClientUrls.reachableFrom("ws://0.0.0.0:7880", null)).isEqualTo("ws://0.0.0.0:7880");
        assertThat(ClientUrls.reachableFrom("ws://0.0.0.0:7880", " ")).isEqualTo("ws://0.0.0.0:7880");
    }
}
