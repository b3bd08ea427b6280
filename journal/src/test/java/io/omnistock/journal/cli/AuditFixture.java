package io.omnistock.journal.cli;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.api.Return;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.journal.Durability;
import io.omnistock.journal.DurableEngine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small trading morning journaled through {@link DurableEngine} with a manual clock, and a way to run the audit
 * tool on it capturing what it prints. Every run writes the same events at the same times.
 *
 * <pre>
 *  #  time   event
 *  1-6 08:00 SKU_DEFINED SKU-1, SKU-2; LOCATION_DEFINED DC, STORE-1; CHANNEL_DEFINED web [DC, STORE-1], pos-1 [STORE-1]
 *  7-9       RECEIVED SKU-1@DC 100, SKU-1@STORE-1 10, SKU-2@STORE-1 5
 *  10  08:01 RESERVED order-1 web SKU-1@STORE-1 x3
 *  11        CONFIRMED order-1
 *  12        FULFILLED order-1
 *  13  08:02 RESERVED order-2 web SKU-1@STORE-1 x2 (10 min hold, expires)
 *  14        REJECTED order-3 (INSUFFICIENT_STOCK, SKU-2 x50)
 *  15        TRANSFER_SHIPPED tr-1 SKU-1 DC to STORE-1 x20
 *  16  08:05 TRANSFER_RECEIVED tr-1 x20
 *  17        SOLD pos-1 SKU-1@STORE-1 x4
 *  18        RESERVED order-4 web SKU-2@STORE-1 x5
 *  19        SOLD pos-1 SKU-2@STORE-1 x2
 *  20        OVERSOLD SKU-2@STORE-1 2
 *  21  08:12 EXPIRED order-2 (at its deadline, fired by the next command)
 *  22  08:20 RECEIVED SKU-2@STORE-1 x10
 *  23        RETURNED web SKU-1@STORE-1 x1 RESTOCK
 * </pre>
 */
final class AuditFixture
{
    static final long START_MS = Instant.parse("2026-11-27T08:00:00Z").toEpochMilli();
    static final long MINUTE_MS = 60_000;
    static final int EVENTS = 23;

    final AtomicLong clockMs = new AtomicLong(START_MS);

    private Path dataDir;

    /**
     * @return the configuration of the engine and of the tool: small capacities (the tool must use the writer's;
     * small ones keep the tests fast), the manual clock, no timer.
     */
    EngineConfig config()
    {
        return EngineConfig.defaults()
            .skuCapacity(64)
            .locationCapacity(16)
            .channelCapacity(8)
            .positionCapacity(1_024)
            .reservationCapacity(256)
            .transferCapacity(64)
            .idempotencyCapacity(4_096)
            .clockMs(clockMs::get)
            .timerIntervalMs(0);
    }

    /** @return the audit tool with the same configuration as the engine that writes the journal. */
    AuditTool tool()
    {
        return new AuditTool(this::config);
    }

    /**
     * Writes the morning into a data directory, which {@link #run(String, String...)} then reads.
     *
     * @param dataDir the data directory.
     * @return the engine's state hash after it.
     */
    long writeMorning(final Path dataDir) throws Exception
    {
        this.dataDir = dataDir;
        try (OmnistockEngine engine = DurableEngine.open(dataDir, Durability.ASYNC, config()))
        {
            submit(engine, new DefineSku("d1", "SKU-1"), new DefineSku("d2", "SKU-2"),
                new DefineLocation("d3", "DC", LocationType.WAREHOUSE, LocationCapability.ALL, 1, 0, 0),
                new DefineLocation("d4", "STORE-1", LocationType.STORE, LocationCapability.ALL, 2, 0, 0),
                new DefineChannel("d5", "web", List.of("DC", "STORE-1")),
                new DefineChannel("d6", "pos-1", List.of("STORE-1")),
                new Receive("asn-1", "SKU-1", "DC", 100), new Receive("asn-2", "SKU-1", "STORE-1", 10),
                new Receive("asn-3", "SKU-2", "STORE-1", 5));
            clockMs.set(START_MS + MINUTE_MS);
            submit(engine, Reserve.of("hold-1", "order-1", "web", FulfilmentType.SHIP, 15 * MINUTE_MS,
                    ReserveLine.at("SKU-1", "STORE-1", 3)),
                new Confirm("paid-1", "order-1"), Fulfil.all("shipped-1", "order-1"));
            clockMs.set(START_MS + 2 * MINUTE_MS);
            submit(engine, Reserve.of("hold-2", "order-2", "web", FulfilmentType.PICKUP, 10 * MINUTE_MS,
                    ReserveLine.at("SKU-1", "STORE-1", 2)),
                Reserve.of("hold-3", "order-3", "web", FulfilmentType.SHIP, 10 * MINUTE_MS,
                    ReserveLine.at("SKU-2", "STORE-1", 50)),
                new TransferOut("tr-1/out", "tr-1", "SKU-1", "DC", "STORE-1", 20));
            clockMs.set(START_MS + 5 * MINUTE_MS);
            submit(engine, new TransferIn("tr-1/in", "tr-1", 20), new PosSale("till-1", "pos-1", "SKU-1", "STORE-1", 4),
                Reserve.of("hold-4", "order-4", "web", FulfilmentType.SHIP, 60 * MINUTE_MS,
                    ReserveLine.at("SKU-2", "STORE-1", 5)),
                new PosSale("till-2", "pos-1", "SKU-2", "STORE-1", 2));
            clockMs.set(START_MS + 20 * MINUTE_MS);
            submit(engine, new Receive("asn-4", "SKU-2", "STORE-1", 10),
                new Return("ret-1", "web", "SKU-1", "STORE-1", 1, Disposition.RESTOCK));
            return engine.stateHash();
        }
    }

    private static void submit(final OmnistockEngine engine, final Command... commands) throws Exception
    {
        for (final Command command : commands)
        {
            final Result result = engine.submit(command).get();
            if (!result.isOk() && !"order-3".equals(command instanceof Reserve ? ((Reserve)command).reservation() : ""))
            {
                throw new AssertionError(command + " -> " + result);
            }
        }
    }

    /** What one run of the tool did. */
    record Run(int exitCode, String out, String err)
    {
        /** @return the lines printed on standard output. */
        List<String> lines()
        {
            return out.lines().toList();
        }
    }

    /** @return the data directory the morning was last written into. */
    Path dataDir()
    {
        return dataDir;
    }

    /**
     * Runs a subcommand of {@link #tool()} on the data directory the morning was last written into.
     *
     * @param subcommand the subcommand, e.g. {@code dump}.
     * @param options    the options after the data directory.
     * @return its exit code and output.
     */
    Run run(final String subcommand, final String... options)
    {
        final String[] args = new String[options.length + 2];
        args[0] = subcommand;
        args[1] = dataDir.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return run(tool(), args);
    }

    /**
     * @param tool the tool.
     * @param args its command line.
     * @return its exit code and output.
     */
    static Run run(final AuditTool tool, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = tool.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
            .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
