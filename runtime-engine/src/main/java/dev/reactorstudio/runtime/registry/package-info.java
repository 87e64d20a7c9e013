/**
 * The weights registry: weights live as folders under an S3 prefix ({@code s3://bucket/prefix/<name>/})
 * and are pulled into a local cache ({@code ~/.cache/reactor_registry/<name>/}) with parallel, ranged,
 * resumable and verified downloads. A cached folder counts only once its completion record is
 * written, last, so an interrupted or corrupt pull never looks complete. {@link
 * dev.reactorstudio.runtime.registry.WeightRegistry} is the entry point for the host, the CLI and the
 * studio; progress arrives through {@link dev.reactorstudio.runtime.registry.PullProgressListener}.
 * This package talks to S3 and the disk only: it knows nothing of hosts, sessions, servers or the CLI.
 */
package dev.reactorstudio.runtime.registry;
