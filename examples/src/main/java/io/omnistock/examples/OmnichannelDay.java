package io.omnistock.examples;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Destination;
import io.omnistock.api.Disposition;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.EventType;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.api.Return;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.routing.Routing;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.Durability;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One omnichannel trading day, embedded the way a host embeds the engine: a warehouse, three stores and five
 * channels; stock received; a web order picked up in store (BOPIS); an app order shipped from a store; a cart hold
 * that expires; a flash sale where many threads chase the last units of one SKU; a till sale; an online purchase
 * returned in a store (BORIS); a promotion priced the same on the web and at the till, an order shipped from the
 * store nearest the buyer, and a marketplace held to its share of the stock. Every step prints the events the
 * engine decided and the stock it left; low-stock and out-of-stock crossings show up as they happen.
 *
 * <p>Time is a manual clock the demo moves forward, so every run prints the same events and the same state hash
 * (except the flash sale's winners, which depend on thread scheduling; their number never does). The program
 * checks what it claims and exits non-zero if any check fails.
 *
 * <p>Run it with {@code mvn -q -B -DskipTests -Pdemo -pl examples -am verify} (see the README).
 */
public final class OmnichannelDay
{
    static final String WAREHOUSE = "DC-EAST";
    static final String STORE_SOHO = "NYC-SOHO";
    static final String STORE_BROOKLYN = "NYC-BROOKLYN";
    static final String STORE_AIRPORT = "JFK-KIOSK";

    static final String SNEAKER = "SNEAKER-RUN-42";
    static final String KETTLE = "KETTLE-1L-STEEL";
    static final String CONSOLE = "CONSOLE-X-LTD";

    static final String WEB = "web";
    static final String APP = "app";
    static final String POS_SOHO = "pos-soho";
    static final String MARKETPLACE = "marketplace";

    private static final long MINUTE_MS = 60_000L;
    private static final String[] LOCATIONS = {WAREHOUSE, STORE_SOHO, STORE_BROOKLYN, STORE_AIRPORT};

    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-27T08:00:00Z").toEpochMilli());
    private final EventLog events = new EventLog();
    private final OmnistockEngine engine;

    private OmnichannelDay(final Path dataDirectory)
    {
        final EngineConfig config = EngineConfig.defaults()
            .clockMs(clock::get)
            .timerIntervalMs(20)
            .sourcingPolicy(Routing.nearestFewestShipments())
            .positionLowStockUnits(1)
            .eventListener(events);
        engine = dataDirectory == null ? OmnistockEngine.start(config) :
            DurableEngine.open(dataDirectory, Durability.SYNC, config);
    }

    /**
     * Runs the day.
     *
     * @param args none for an in-memory engine; or {@code --data <directory>} to journal the day there (a fresh
     *             directory: the day defines everything from scratch), e.g. for the audit tool.
     * @throws Exception if a step fails or a check does not hold.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path data = args.length == 2 && "--data".equals(args[0]) ? Path.of(args[1]) : null;
        if (args.length > 0 && data == null)
        {
            throw new IllegalArgumentException("usage: OmnichannelDay [--data <fresh directory>]");
        }
        final OmnichannelDay day = new OmnichannelDay(data);
        try
        {
            day.run();
        }
        finally
        {
            day.engine.close();
        }
        System.out.println();
        System.out.println("The day balanced: no oversell, every caller answered, every invariant holds.");
    }

    private void run() throws Exception
    {
        step("1. Open the network: SKUs, a warehouse, three stores, channels and the locations each sees");
        for (final String sku : new String[] {SNEAKER, KETTLE, CONSOLE})
        {
            expectOk(new DefineSku("sku-" + sku, sku));
        }
        expectOk(new DefineLocation("loc-dc", WAREHOUSE, LocationType.WAREHOUSE,
            LocationCapability.SHIPS | LocationCapability.RETURNS, 1, 40_735_000, -74_172_000));
        expectOk(new DefineLocation("loc-soho", STORE_SOHO, LocationType.STORE,
            LocationCapability.ALL, 2, 40_723_000, -74_000_000));
        expectOk(new DefineLocation("loc-bk", STORE_BROOKLYN, LocationType.STORE,
            LocationCapability.ALL, 3, 40_678_000, -73_944_000));
        expectOk(new DefineLocation("loc-jfk", STORE_AIRPORT, LocationType.STORE,
            LocationCapability.PICKUP, 4, 40_641_000, -73_778_000));
        expectOk(new DefineChannel("ch-web", WEB, List.of(WAREHOUSE, STORE_SOHO, STORE_BROOKLYN, STORE_AIRPORT)));
        expectOk(new DefineChannel("ch-app", APP, List.of(WAREHOUSE, STORE_SOHO, STORE_BROOKLYN)));
        expectOk(new DefineChannel("ch-pos-soho", POS_SOHO, List.of(STORE_SOHO)));
        expectOk(new DefineChannel("ch-mkt", MARKETPLACE, List.of(WAREHOUSE)));
        events.print();

        step("2. Morning deliveries");
        expectOk(new Receive("asn-1001", SNEAKER, WAREHOUSE, 40));
        expectOk(new Receive("asn-1002", KETTLE, WAREHOUSE, 12));
        expectOk(new Receive("asn-1003", CONSOLE, WAREHOUSE, 10));
        expectOk(new Receive("asn-2001", SNEAKER, STORE_SOHO, 6));
        expectOk(new Receive("asn-2002", KETTLE, STORE_SOHO, 4));
        expectOk(new Receive("asn-3001", KETTLE, STORE_BROOKLYN, 3));
        expectOk(new Receive("asn-3002", SNEAKER, STORE_BROOKLYN, 2));
        events.print();
        printStock(SNEAKER, KETTLE, CONSOLE);

        step("3. BOPIS: web order W-1 for a kettle, picked up at the SoHo store");
        final Result bopis = expectOk(Reserve.of("W-1/reserve", "W-1", WEB, FulfilmentType.PICKUP, 30 * MINUTE_MS,
            ReserveLine.at(KETTLE, STORE_SOHO, 1)));
        expectOk(new Confirm("W-1/paid", "W-1"));
        events.print();
        printStock(KETTLE);
        advanceMinutes(95);
        System.out.println("  ... the customer walks in and collects it");
        expectOk(Fulfil.all("W-1/picked-up", "W-1"));
        events.print();
        printStock(KETTLE);
        check(bopis.lineLocations().equals(List.of(STORE_SOHO)), "BOPIS held at SoHo");

        step("4. Ship-from-store: app order A-7, 2 sneakers + 1 kettle, locations left to the engine");
        final Result sfs = expectOk(new Reserve("A-7/reserve", "A-7", APP, FulfilmentType.SHIP_FROM_STORE,
            30 * MINUTE_MS, List.of(ReserveLine.anywhere(SNEAKER, 2), ReserveLine.anywhere(KETTLE, 1))));
        System.out.println("  engine sourced the lines from " + sfs.lineLocations() + " (stores only: it is ship-from-store)");
        check(!sfs.lineLocations().contains(WAREHOUSE), "ship-from-store never sources from the warehouse");
        expectOk(new Confirm("A-7/paid", "A-7"));
        expectOk(Fulfil.lines("A-7/shipped-sneakers", "A-7", 2, 0));
        expectOk(Fulfil.lines("A-7/shipped-kettle", "A-7", 0, 1));
        events.print();
        printStock(SNEAKER, KETTLE);
        check(engine.reads().reservation("A-7").orElseThrow().state() == ReservationState.FULFILLED,
            "A-7 fulfilled in two parcels");

        step("5. A cart hold that is never paid: W-2 holds 3 consoles for 15 minutes");
        expectOk(Reserve.of("W-2/reserve", "W-2", WEB, FulfilmentType.SHIP, 15 * MINUTE_MS,
            ReserveLine.anywhere(CONSOLE, 3)));
        events.print();
        printAtp(CONSOLE);
        System.out.println("  ... 16 minutes pass with no traffic; the engine's timer ticks in engine time");
        advanceMinutes(16);
        awaitState("W-2", ReservationState.EXPIRED);
        events.print();
        printAtp(CONSOLE);
        final Result late = engine.submit(new Confirm("W-2/paid", "W-2")).get();
        System.out.println("  late payment for W-2 -> " + late);
        check(late.code() == ReasonCode.RESERVATION_EXPIRED, "a late confirm is refused");
        events.print();

        flashSale();

        step("7. POS sale: a walk-in customer buys 2 kettles at the SoHo till");
        expectOk(new PosSale("till-3/receipt-5521", POS_SOHO, KETTLE, STORE_SOHO, 2));
        events.print();
        printStock(KETTLE);

        step("8. BORIS: sneakers bought on the web, shipped from the warehouse, returned in Brooklyn");
        expectOk(Reserve.of("W-3/reserve", "W-3", WEB, FulfilmentType.SHIP, 30 * MINUTE_MS,
            ReserveLine.at(SNEAKER, WAREHOUSE, 2)));
        expectOk(new Confirm("W-3/paid", "W-3"));
        expectOk(Fulfil.all("W-3/shipped", "W-3"));
        advanceMinutes(60 * 3);
        expectOk(new Return("W-3/return-1", WEB, SNEAKER, STORE_BROOKLYN, 1, Disposition.RESTOCK));
        expectOk(new Return("W-3/return-2", WEB, SNEAKER, STORE_BROOKLYN, 1, Disposition.DAMAGED));
        events.print();
        final Result refused = engine.submit(
            new Return("W-3/return-3", WEB, SNEAKER, STORE_AIRPORT, 1, Disposition.RESTOCK)).get();
        System.out.println("  a return at the airport kiosk (no returns desk) -> " + refused);
        check(refused.code() == ReasonCode.RETURNS_NOT_ACCEPTED, "the kiosk refuses returns");
        events.print();
        printStock(SNEAKER);

        step("9. A retried request is answered, not repeated");
        final Result retry = engine.submit(new PosSale("till-3/receipt-5521", POS_SOHO, KETTLE, STORE_SOHO, 2)).get();
        System.out.println("  till retries receipt 5521 after a network blip -> " + retry);
        check(retry.duplicate() && retry.isOk(), "the retry is a duplicate of the first outcome");
        events.print();

        omnichannelRules();

        step("End of day");
        printStock(SNEAKER, KETTLE, CONSOLE);
        final String violation = engine.verifyInvariants();
        System.out.println("  invariants: " + (violation == null ? "all hold" : violation));
        check(violation == null, "invariants hold");
        System.out.printf("  events decided: %d, state hash: %016x%n", engine.reads().sequence(), engine.stateHash());
    }

    /** Step 10: one price on every channel, the store nearest the buyer, a marketplace held to its share. */
    private void omnichannelRules() throws Exception
    {
        step("10. Omnichannel rules: one price everywhere, the nearest store, a fenced marketplace");
        final long dayStartMs = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
        expectOk(new SetPrice("price/kettle", KETTLE, null, 3_499));
        expectOk(new DefinePromotion("promo/black-friday", "black-friday", KETTLE, null, dayStartMs,
            dayStartMs + 24 * 60 * MINUTE_MS, 20, 0));
        final Result parkSlope = expectOk(Reserve.of("W-4/reserve", "W-4", WEB, FulfilmentType.SHIP_FROM_STORE,
            30 * MINUTE_MS, ReserveLine.anywhere(KETTLE, 1)).shipTo(Destination.ofDegrees(40.6710, -73.9814)));
        final long webPrice = engine.reads().reservation("W-4").orElseThrow().lines().get(0).unitPrice();
        System.out.printf("  W-4 to Park Slope ships from %s, the nearest store with a kettle, at %d cents%n",
            parkSlope.lineLocations().get(0), webPrice);
        System.out.println("  an afternoon delivery refills SoHo, and a walk-in buys a kettle at the till");
        expectOk(new Receive("asn-2003", KETTLE, STORE_SOHO, 6));
        expectOk(new PosSale("till-3/receipt-5600", POS_SOHO, KETTLE, STORE_SOHO, 1));
        events.print();
        check(parkSlope.lineLocations().equals(List.of(STORE_BROOKLYN)), "Park Slope is served from Brooklyn");
        check(webPrice == 2_799 && events.lastSoldUnitPrice() == 2_799,
            "the web and the till price Black Friday the same: 34.99 - 20% = 27.99");

        expectOk(new SetChannelRule("rule/marketplace", MARKETPLACE, null, null, 0, 0, 25));
        events.print();
        printAtp(SNEAKER);
        final Result greedy = engine.submit(Reserve.of("M-1/reserve", "M-1", MARKETPLACE, FulfilmentType.SHIP,
            30 * MINUTE_MS, ReserveLine.anywhere(SNEAKER, 12))).get();
        System.out.println("  the marketplace asks for 12 sneakers -> " + greedy);
        final long share = engine.reads().availableToPromise(SNEAKER, MARKETPLACE);
        expectOk(Reserve.of("M-2/reserve", "M-2", MARKETPLACE, FulfilmentType.SHIP, 30 * MINUTE_MS,
            ReserveLine.anywhere(SNEAKER, share)));
        events.print();
        printAtp(SNEAKER);
        check(greedy.code() == ReasonCode.NO_SOURCING_LOCATION && greedy.available() == share,
            "the marketplace is refused beyond its 25% share of the warehouse shelf");
        check(engine.reads().availableToPromise(SNEAKER, MARKETPLACE) == 0 &&
            engine.reads().availableToPromise(SNEAKER, WEB) > 0, "its share is used up; the web still sells");
    }

    /** Step 6: many buyers, one SKU, ten units. Every caller is answered; exactly the stock is sold. */
    private void flashSale() throws Exception
    {
        step("6. Flash sale: 8 threads x 50 buyers chase the 10 consoles left, one each");
        final long stock = engine.reads().availableToPromise(CONSOLE, WEB);
        final int threads = 8;
        final int buyersPerThread = 50;
        final AtomicInteger won = new AtomicInteger();
        final AtomicInteger soldOut = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> workers = new ArrayList<>();
        events.quiet(true);
        for (int t = 0; t < threads; t++)
        {
            final int thread = t;
            final Thread worker = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int b = 0; b < buyersPerThread; b++)
                    {
                        final String order = "F-" + thread + "-" + b;
                        final Result result = engine.submit(Reserve.of(order + "/reserve", order, WEB,
                            FulfilmentType.SHIP, 10 * MINUTE_MS, ReserveLine.anywhere(CONSOLE, 1))).get();
                        if (result.isOk())
                        {
                            won.incrementAndGet();
                            engine.submit(new Confirm(order + "/paid", order)).get();
                        }
                        else if (result.code() == ReasonCode.NO_SOURCING_LOCATION)
                        {
                            soldOut.incrementAndGet();
                        }
                        else
                        {
                            other.incrementAndGet();
                        }
                    }
                }
                catch (final Exception ex)
                {
                    other.incrementAndGet();
                }
            }, "buyer-" + t);
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (final Thread worker : workers)
        {
            worker.join();
        }
        events.awaitCaughtUp(engine.reads().sequence());
        events.quiet(false);
        final int buyers = threads * buyersPerThread;
        System.out.printf("  %d buyers answered: %d won a console, %d told sold out, %d other%n",
            won.get() + soldOut.get() + other.get(), won.get(), soldOut.get(), other.get());
        System.out.println("  events during the sale: " + events.countsAndReset());
        printStock(CONSOLE);
        check(won.get() + soldOut.get() + other.get() == buyers, "every buyer answered once");
        check(won.get() == stock, "exactly the stock was sold");
        check(other.get() == 0, "no buyer saw an error");
        check(engine.reads().availableToPromise(CONSOLE, WEB) == 0, "sold out, never below zero");
        check(engine.reads().available(CONSOLE, WAREHOUSE) == 0, "warehouse available is 0, not negative");
        System.out.println("  one winner cancels: the unit goes back on sale at once");
        final String cancelled = firstWinner(threads, buyersPerThread);
        expectOk(new Release(cancelled + "/cancel", cancelled));
        events.print();
        printAtp(CONSOLE);
    }

    private String firstWinner(final int threads, final int buyersPerThread)
    {
        for (int t = 0; t < threads; t++)
        {
            for (int b = 0; b < buyersPerThread; b++)
            {
                final String order = "F-" + t + "-" + b;
                if (engine.reads().reservation(order).map(r -> r.state() == ReservationState.COMMITTED).orElse(false))
                {
                    return order;
                }
            }
        }
        throw new IllegalStateException("no committed flash-sale order");
    }

    private Result expectOk(final Command command) throws Exception
    {
        final Result result = engine.submit(command).get(10, TimeUnit.SECONDS);
        if (!result.isOk())
        {
            throw new IllegalStateException(command + " -> " + result);
        }
        return result;
    }

    private void advanceMinutes(final long minutes)
    {
        clock.addAndGet(minutes * MINUTE_MS);
    }

    private void awaitState(final String reservation, final ReservationState state) throws InterruptedException
    {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.reads().reservation(reservation).map(r -> r.state() != state).orElse(true))
        {
            check(System.nanoTime() < giveUp, reservation + " reaches " + state);
            Thread.sleep(5);
        }
    }

    private void printStock(final String... skus)
    {
        System.out.println("  stock        SKU               location       on hand  reserved  committed  damaged  available");
        for (final String sku : skus)
        {
            for (final String location : LOCATIONS)
            {
                engine.reads().position(sku, location).ifPresent(OmnichannelDay::printPosition);
            }
        }
    }

    private static void printPosition(final PositionSnapshot p)
    {
        System.out.printf("               %-17s %-13s %8d %9d %10d %8d %10d%n",
            p.sku(), p.location(), p.onHand(), p.reserved(), p.committed(), p.damaged(), p.available());
    }

    private void printAtp(final String sku)
    {
        System.out.printf("  available-to-promise of %s: web %d, app %d, marketplace %d%n", sku,
            engine.reads().availableToPromise(sku, WEB), engine.reads().availableToPromise(sku, APP),
            engine.reads().availableToPromise(sku, MARKETPLACE));
    }

    private void step(final String title)
    {
        events.awaitCaughtUp(engine.reads().sequence());
        System.out.println();
        System.out.println("== " + title + "  [" + Instant.ofEpochMilli(clock.get()) + "]");
    }

    static void check(final boolean condition, final String claim)
    {
        if (!condition)
        {
            throw new IllegalStateException("check failed: " + claim);
        }
    }

    /** Collects events on the listener thread; the main thread prints them between steps. */
    private final class EventLog implements EventListener
    {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        private final AtomicLong lastSequence = new AtomicLong();
        private volatile boolean quiet;
        private volatile long lastSoldUnitPrice = -1;

        @Override
        public void onSold(final Event event)
        {
            lastSoldUnitPrice = event.unitPrice();
        }

        long lastSoldUnitPrice()
        {
            return lastSoldUnitPrice;
        }

        @Override
        public void onEvent(final Event event)
        {
            if (quiet)
            {
                synchronized (counts)
                {
                    counts.merge(event.type(), 1, Integer::sum);
                }
            }
            else
            {
                lines.add(describe(event));
            }
            lastSequence.set(event.sequence());
            EventListener.super.onEvent(event);
        }

        void quiet(final boolean value)
        {
            quiet = value;
        }

        String countsAndReset()
        {
            synchronized (counts)
            {
                final String text = counts.toString();
                counts.clear();
                return text;
            }
        }

        void awaitCaughtUp(final long sequence)
        {
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lastSequence.get() < sequence)
            {
                check(System.nanoTime() < giveUp, "listener catches up to event " + sequence);
                Thread.onSpinWait();
            }
        }

        void print()
        {
            awaitCaughtUp(engine.reads().sequence());
            String line;
            while ((line = lines.poll()) != null)
            {
                System.out.println(line);
            }
        }

        private String describe(final Event event)
        {
            final StringBuilder text = new StringBuilder(96);
            text.append(String.format("  #%-4d %-18s", event.sequence(), event.type()));
            if (event.type() == EventType.REJECTED)
            {
                text.append(' ').append(ReasonCode.name(event.reasonCode()));
            }
            if (event.reference() != null && event.reference().length() > 0)
            {
                text.append(' ').append(event.reference());
            }
            if (event.channel() != null && event.type() != EventType.CHANNEL_DEFINED)
            {
                text.append(" channel=").append(event.channel());
            }
            if (event.type() == EventType.CHANNEL_DEFINED)
            {
                text.append(" sees [");
                for (int i = 0; i < event.lineCount(); i++)
                {
                    text.append(i == 0 ? "" : ", ").append(event.lineLocation(i));
                }
                text.append(']');
            }
            else if (event.lineCount() > 0)
            {
                text.append(" lines=[");
                String separator = "";
                for (int i = 0; i < event.lineCount(); i++)
                {
                    if (event.lineQuantity(i) != 0)
                    {
                        text.append(separator).append(event.lineQuantity(i)).append(" x ")
                            .append(event.lineSku(i)).append(" @ ").append(event.lineLocation(i))
                            .append(event.lineUnitPrice(i) >= 0 ? " at " + event.lineUnitPrice(i) + " cents" : "");
                        separator = ", ";
                    }
                }
                text.append(']');
            }
            else if (event.type() == EventType.PRICE_SET)
            {
                text.append(' ').append(event.sku()).append(" at ").append(event.quantity()).append(" cents")
                    .append(event.location() == null ? " everywhere" : " in " + event.location());
            }
            else if (event.type() == EventType.PROMOTION_DEFINED)
            {
                text.append(' ').append(event.percentOff()).append("% off ").append(event.sku())
                    .append(event.channel() == null ? " in every channel" : "").append(" until ")
                    .append(Instant.ofEpochMilli(event.deadlineMs()));
            }
            else if (event.type() == EventType.THRESHOLD_CROSSED)
            {
                text.append(' ').append(event.threshold()).append(' ').append(event.sku()).append(" @ ")
                    .append(event.location() != null ? event.location() : "channel " + event.channel())
                    .append(": ").append(event.variance()).append(" -> ").append(event.quantity());
            }
            else if (event.type() == EventType.CHANNEL_RULE_SET)
            {
                text.append(" uses at most ").append(event.sharePercent()).append("% of each shelf, keeps back ")
                    .append(event.quantity()).append(" units and ").append(event.bufferPercent()).append('%');
            }
            else if (event.sku() != null && event.type() != EventType.SKU_DEFINED)
            {
                text.append(' ').append(event.quantity()).append(" x ").append(event.sku()).append(" @ ")
                    .append(event.location());
            }
            if (event.type() == EventType.SOLD && event.unitPrice() >= 0)
            {
                text.append(" at ").append(event.unitPrice()).append(" cents");
            }
            if (event.type() == EventType.RETURNED)
            {
                text.append(' ').append(event.disposition());
            }
            if (event.type() == EventType.RESERVED)
            {
                text.append(" hold until ").append(Instant.ofEpochMilli(event.deadlineMs()));
            }
            return text.toString();
        }
    }
}
