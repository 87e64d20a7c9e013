/**
 * A runtime in a fleet ({@code reactor run DIR --join URL}): the model's services on loopback, a
 * {@link dev.reactorstudio.runtime.fleet.join.FleetAgent} that only coordinators (shared-secret
 * tokens) may call, and a {@link dev.reactorstudio.runtime.fleet.join.JoinClient} that registers
 * and heartbeats. Browsers reach the agent only through the coordinator's relay; their WebRTC
 * media goes straight to this machine.
 */
package dev.reactorstudio.runtime.fleet.join;
