/**
 * Fleet tokens: HS256 JWTs signed with the fleet's shared secret. Clients, runtimes and
 * coordinators carry the same kind of token; a {@code reactor_role} claim tells them apart so a
 * client's token can never register a runtime, nor a runtime's token call a client route.
 */
package dev.reactorstudio.runtime.fleet.auth;
