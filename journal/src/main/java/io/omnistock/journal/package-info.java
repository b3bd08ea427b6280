/**
 * The omnistock journal.
 *
 * <p>This module will hold the durable, append-only journal of the omnistock engine, built on
 * <a href="https://github.com/OpenHFT/Chronicle-Queue">Chronicle Queue</a>: every command accepted by the
 * engine is written to a {@code SingleChronicleQueue} so that the engine state can be rebuilt by replay.
 *
 * <p>Chronicle Queue needs extra JVM flags on JDK 17+ (see {@code docs/jvm-flags.md}), and omnistock
 * always excludes {@code net.openhft:chronicle-analytics} so the library never phones home.
 */
package io.omnistock.journal;
