package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FleetState} must do; run against memory and a real Redis. */
abstract class FleetStateContract {
    FleetState state;

    abstract FleetState open();

    @BeforeEach
    void openState() {
        state = open();
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    private void runtime(String id, String model) {
        state.register(new RuntimeEntry(id, model, "1.0.0", "http://" + id, RuntimeEntry.IDLE, "", 0), 1000);
    }

    @Test
    void queuesAreFifoPerModelAndOnlyItsOwnModelsRuntimesServeThem() {
        assertThat(state.enqueue("a", "m1", "u", 1)).isEqualTo(1);
        assertThat(state.enqueue("b", "m2", "u", 2)).isEqualTo(1);
        assertThat(state.enqueue("c", "m1", "u", 3)).isEqualTo(2);
        assertThat(state.waitingModels()).containsExactly("m1", "m2");
        runtime("r1", "m1");
        assertThat(state.assign("m2", 10)).isEmpty();
        Assignment first = state.assign("m1", 10).orElseThrow();
        assertThat(first.sessionId()).isEqualTo("a");
        assertThat(first.runtimeUrl()).isEqualTo("http://r1");
        assertThat(state.assign("m1", 10)).as("one session per runtime").isEmpty();
        assertThat(state.position("c")).isEqualTo(1);
        assertThat(state.session("a").orElseThrow().state()).isEqualTo(SessionEntry.ASSIGNING);
        assertThat(state.runtime("r1").orElseThrow().state()).isEqualTo(RuntimeEntry.BUSY);
        assertThat(state.queue()).extracting(QueueEntry::sessionId).containsExactly("c", "b");
    }

    @Test
    void aFreedRuntimeTakesTheNextAndAClosedSessionLeavesTheQueue() {
        runtime("r1", "m");
        state.enqueue("a", "m", "u", 1);
        state.enqueue("b", "m", "u", 2);
        state.enqueue("c", "m", "u", 3);
        assertThat(state.assign("m", 5)).isPresent();
        assertThat(state.activate("a", "r1", "rs-a", "{\"tracks\":[]}")).isTrue();
        assertThat(state.session("a").orElseThrow().capabilities()).isEqualTo("{\"tracks\":[]}");
        assertThat(state.close("b", "client left", 6)).map(SessionEntry::state).contains(SessionEntry.WAITING);
        assertThat(state.close("b", "again", 7)).isEmpty();
        assertThat(state.position("c")).isEqualTo(1);
        SessionEntry closed = state.close("a", "done", 8).orElseThrow();
        assertThat(closed.runtimeId()).isEqualTo("r1");
        assertThat(state.freeRuntime("r1", "zzz")).as("only for the session it serves").isFalse();
        assertThat(state.freeRuntime("r1", "a")).isTrue();
        assertThat(state.assign("m", 9)).map(Assignment::sessionId).contains("c");
        assertThat(state.session("a").orElseThrow().reason()).isEqualTo("done");
    }

    @Test
    void aLostRuntimeClosesItsSessionAndIsNeverAssignedAgain() {
        runtime("r1", "m");
        runtime("r2", "m");
        state.enqueue("a", "m", "u", 1);
        Assignment a = state.assign("m", 2).orElseThrow();
        state.activate("a", a.runtimeId(), "x", "{}");
        assertThat(state.heartbeat("r1", 2500)).isPresent();
        assertThat(state.silentRuntimes(2000)).containsExactly("r2");
        String busy = a.runtimeId();
        String idle = busy.equals("r1") ? "r2" : "r1";
        assertThat(state.markLost(busy, 3000)).contains("a");
        assertThat(state.markLost(busy, 3001)).as("idempotent").isEmpty();
        assertThat(state.session("a").orElseThrow().closed()).isTrue();
        assertThat(state.heartbeat(busy, 3100)).as("a lost runtime must register again").isEmpty();
        assertThat(state.markLost(idle, 3000)).isEmpty();
        state.enqueue("b", "m", "u", 3200);
        assertThat(state.assign("m", 3300)).isEmpty();
        assertThat(state.runtimes()).extracting(RuntimeEntry::state).containsOnly(RuntimeEntry.LOST);
        runtime(busy, "m");
        assertThat(state.assign("m", 3400)).map(Assignment::runtimeId).contains(busy);
    }

    @Test
    void aClientThatStopsPollingIsFoundAndARequeuedSessionKeepsItsPlace() {
        runtime("r1", "m");
        state.enqueue("a", "m", "u", 100);
        state.enqueue("b", "m", "u", 100);
        state.enqueue("c", "m", "u", 100);
        state.touch("b", 900);
        assertThat(state.silentWaiting(500)).containsExactlyInAnyOrder("a", "c");
        Assignment a = state.assign("m", 1000).orElseThrow();
        assertThat(state.silentWaiting(500)).containsExactly("c");
        state.freeRuntime(a.runtimeId(), "a");
        state.requeue("a", 1100);
        assertThat(state.position("a")).isEqualTo(1);
        assertThat(state.position("b")).isEqualTo(2);
        Optional<SessionEntry> session = state.session("a");
        assertThat(session.orElseThrow().state()).isEqualTo(SessionEntry.WAITING);
    }

    @Test
    void aPollReadsTheSessionAndItsPositionAndKeepsOnlyItsOwnersWaitingSessionQueued() {
        runtime("r1", "m");
        state.enqueue("a", "m", "alice", 100);
        state.enqueue("b", "m", "bob", 100);
        state.enqueue("c", "m", "carol", 100);
        assertThat(state.poll("nope", "alice", 900)).isEmpty();

        FleetState.Poll b = state.poll("b", "bob", 900).orElseThrow();
        assertThat(b.session().subject()).isEqualTo("bob");
        assertThat(b.session().state()).isEqualTo(SessionEntry.WAITING);
        assertThat(b.position()).isEqualTo(2);
        state.poll("c", "mallory", 900); // another subject's poll reads but does not keep it queued
        assertThat(state.silentWaiting(500)).containsExactlyInAnyOrder("a", "c");

        assertThat(state.assign("m", 1000)).map(Assignment::sessionId).contains("a");
        assertThat(state.poll("a", "alice", 1000).orElseThrow().position()).as("being started").isZero();
        assertThat(state.poll("b", "bob", 1000).orElseThrow().position()).isEqualTo(1);
        state.activate("a", "r1", "rs-a", "{}");
        FleetState.Poll active = state.poll("a", "alice", 1100).orElseThrow();
        assertThat(active.session().state()).isEqualTo(SessionEntry.ACTIVE);
        assertThat(active.session().runtimeSession()).isEqualTo("rs-a");
        assertThat(active.position()).isZero();
        state.close("b", "left", 1200);
        assertThat(state.poll("b", "bob", 1300).orElseThrow().session().state()).isEqualTo(SessionEntry.CLOSED);
        assertThat(state.poll("c", "carol", 1300).orElseThrow().position()).isEqualTo(1);
    }

    @Test
    void reRegisteringARuntimeClosesTheSessionItServedAndDeregisteringRemovesIt() {
        runtime("r1", "m");
        state.enqueue("a", "m", "u", 1);
        assertThat(state.assign("m", 2)).isPresent();
        assertThat(state.register(new RuntimeEntry("r1", "m", "1.0.1", "http://r1", RuntimeEntry.IDLE, "", 0), 3))
                .contains("a");
        assertThat(state.runtime("r1").orElseThrow().version()).isEqualTo("1.0.1");
        assertThat(state.deregister("r1", 4)).isEmpty();
        assertThat(state.runtimes()).isEmpty();
    }
}
