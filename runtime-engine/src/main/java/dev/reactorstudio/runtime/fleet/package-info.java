/**
 * The fleet coordinator ({@code reactor coordinator}): one front door for many runtimes. Clients
 * (the JS SDK's production mode) create sessions that wait in a FIFO queue per model; the
 * {@link dev.reactorstudio.runtime.fleet.Dispatcher} hands each the next idle runtime of its model
 * and the coordinator relays the transport routes to it. All shared state goes through
 * {@link dev.reactorstudio.runtime.fleet.FleetState}: in memory for one coordinator, in Redis so
 * several coordinators serve one queue and survive restarts.
 */
package dev.reactorstudio.runtime.fleet;
