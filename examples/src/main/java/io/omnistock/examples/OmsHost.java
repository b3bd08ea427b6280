package io.omnistock.examples;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.InventoryEngine;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.orders.FulfilmentView;
import io.omnistock.api.orders.LineQuantityView;
import io.omnistock.api.orders.OrderLineView;
import io.omnistock.api.orders.OrderOutcome;
import io.omnistock.api.orders.OrderView;
import io.omnistock.api.orders.OrdersAdapter;
import io.omnistock.api.orders.ReturnLineView;
import io.omnistock.api.orders.ReturnView;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.kpi.KpiReadModel;
import io.omnistock.engine.kpi.KpiSnapshot;
import io.omnistock.engine.orders.DefaultOrdersAdapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.omnistock.examples.OmnichannelDay.check;

/**
 * A small OMS-shaped host: its own {@link Order} and {@link OrderLine} classes, and webhook handlers that call the
 * {@link OrdersAdapter} and answer as a webhook endpoint would (2xx for applied or already applied, 409 for a
 * rejection, so the sender stops retrying only when it should). The host's classes stay as they are: thin views
 * ({@link OrderAsView}) present them to the adapter.
 *
 * <p>{@link #main} walks a delivery order through payment, two partial shipments (one webhook delivered twice), a
 * return in a store, a click-and-collect order cancelled after payment, and an order refused for want of stock,
 * then prints the KPIs. It checks what it claims and throws when a check fails.
 *
 * <p>Threading: the handlers may be called from any number of webhook threads; they block until the engine has
 * decided.
 */
public final class OmsHost
{
    /** How the host's order says it will reach the buyer (its own vocabulary, not the engine's). */
    public enum Delivery
    {
        /** Parcel to the buyer's address. */
        HOME_DELIVERY,
        /** Collected by the buyer at a store. */
        CLICK_AND_COLLECT
    }

    /**
     * The host's order line; simple enough to be its own view (it names no location: the engine sources it).
     *
     * @param lineId   line id.
     * @param sku      SKU.
     * @param quantity units.
     */
    public record OrderLine(String lineId, String sku, long quantity) implements OrderLineView
    {
        @Override
        public String location()
        {
            return null;
        }
    }

    /** The host's order, with the status its own screens show. */
    public static final class Order
    {
        final String number;
        final String salesChannel;
        final Delivery delivery;
        final String collectionStore;
        final List<OrderLine> lines;
        volatile String status = "NEW";

        /**
         * @param number          order number.
         * @param salesChannel    where it was placed (an engine channel id).
         * @param delivery        how it reaches the buyer.
         * @param collectionStore the store for click and collect, else null.
         * @param lines           its lines.
         */
        public Order(final String number, final String salesChannel, final Delivery delivery,
            final String collectionStore, final List<OrderLine> lines)
        {
            this.number = number;
            this.salesChannel = salesChannel;
            this.delivery = delivery;
            this.collectionStore = collectionStore;
            this.lines = List.copyOf(lines);
        }

        /** @return the status the host shows. */
        public String status()
        {
            return status;
        }
    }

    /** The host's order as the adapter sees it: no copy, just the mapping of names and vocabulary. */
    record OrderAsView(Order order) implements OrderView
    {
        @Override
        public String orderId()
        {
            return order.number;
        }

        @Override
        public String channel()
        {
            return order.salesChannel;
        }

        @Override
        public FulfilmentType fulfilment()
        {
            return order.delivery == Delivery.CLICK_AND_COLLECT ? FulfilmentType.PICKUP : FulfilmentType.SHIP;
        }

        @Override
        public String pickupStore()
        {
            return order.collectionStore;
        }

        @Override
        public List<? extends OrderLineView> lines()
        {
            return order.lines;
        }
    }

    /** Units of a line in a shipment. */
    record Units(String lineId, long quantity) implements LineQuantityView
    {
    }

    /** A shipment or collection as the adapter sees it. */
    record Handover(String fulfilmentId, List<Units> lines) implements FulfilmentView
    {
    }

    /** A one-line return as the adapter sees it. */
    record ReturnAsView(String returnId, String location, List<ReturnedUnits> lines) implements ReturnView
    {
    }

    /** Returned units of a line. */
    record ReturnedUnits(String lineId, long quantity, Disposition disposition) implements ReturnLineView
    {
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final OrdersAdapter adapter;

    /**
     * @param engine the engine the host embeds.
     * @param holdMs how long an unpaid order holds its stock.
     */
    public OmsHost(final InventoryEngine engine, final long holdMs)
    {
        this.adapter = new DefaultOrdersAdapter(engine, holdMs);
    }

    /**
     * Webhook: an order was created.
     *
     * @param order the order.
     * @return the webhook response.
     */
    public String onOrderCreated(final Order order)
    {
        orders.putIfAbsent(order.number, order);
        return respond(adapter.placed(view(order.number)).join(), "RESERVED", "OUT_OF_STOCK");
    }

    /**
     * Webhook: the payment was captured.
     *
     * @param orderNumber the order.
     * @return the webhook response.
     */
    public String onPaymentCaptured(final String orderNumber)
    {
        return respond(adapter.paid(view(orderNumber)).join(), "PAID", null);
    }

    /**
     * Webhook: the order was cancelled.
     *
     * @param orderNumber the order.
     * @return the webhook response.
     */
    public String onOrderCancelled(final String orderNumber)
    {
        return respond(adapter.cancelled(view(orderNumber)).join(), "CANCELLED", null);
    }

    /**
     * Webhook: a parcel left the warehouse.
     *
     * @param orderNumber  the order.
     * @param shipmentId   the parcel's id.
     * @param unitsByLine  units per line id.
     * @return the webhook response.
     */
    public String onShipmentDispatched(final String orderNumber, final String shipmentId,
        final Map<String, Long> unitsByLine)
    {
        final List<Units> units = new ArrayList<>();
        unitsByLine.forEach((line, quantity) -> units.add(new Units(line, quantity)));
        return respond(adapter.shipped(view(orderNumber), new Handover(shipmentId, units)).join(), "SHIPPING", null);
    }

    /**
     * Webhook: the buyer collected the whole order at the store.
     *
     * @param orderNumber  the order.
     * @param collectionId the collection's id.
     * @return the webhook response.
     */
    public String onCollected(final String orderNumber, final String collectionId)
    {
        return respond(adapter.pickedUp(view(orderNumber), new Handover(collectionId, List.of())).join(),
            "COLLECTED", null);
    }

    /**
     * Webhook: goods came back at a store.
     *
     * @param orderNumber the order.
     * @param rmaNumber   the return's id.
     * @param store       where.
     * @param lineId      which line.
     * @param quantity    units.
     * @param disposition restock, damaged or quarantine.
     * @return the webhook response.
     */
    public String onReturnReceived(final String orderNumber, final String rmaNumber, final String store,
        final String lineId, final long quantity, final Disposition disposition)
    {
        final ReturnAsView returned = new ReturnAsView(rmaNumber, store,
            List.of(new ReturnedUnits(lineId, quantity, disposition)));
        return respond(adapter.returned(view(orderNumber), returned).join(), "RETURNED", null);
    }

    /**
     * @param orderNumber an order.
     * @return the host's order.
     */
    public Order order(final String orderNumber)
    {
        return orders.get(orderNumber);
    }

    private OrderView view(final String orderNumber)
    {
        final Order order = orders.get(orderNumber);
        if (order == null)
        {
            throw new IllegalArgumentException("unknown order " + orderNumber);
        }
        return new OrderAsView(order);
    }

    private String respond(final OrderOutcome outcome, final String statusIfApplied, final String statusIfRejected)
    {
        final Order order = orders.get(outcome.orderId());
        switch (outcome.status())
        {
            case ACCEPTED:
                order.status = statusIfApplied;
                return "201 " + outcome.step() + " applied; order " + order.number + " is " + order.status;
            case DUPLICATE:
                return "200 " + outcome.step() + " already applied (duplicate delivery); nothing changed";
            default:
                if (statusIfRejected != null)
                {
                    order.status = statusIfRejected;
                }
                return "409 " + outcome.step() + " rejected: " + outcome.rejection();
        }
    }

    /**
     * Walks the lifecycles of the class comment on an in-memory engine and prints each webhook's response and the KPIs.
     *
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final KpiReadModel kpis = new KpiReadModel();
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().eventListener(kpis)))
        {
            stockTheNetwork(engine);
            final OmsHost host = new OmsHost(engine, TimeUnit.MINUTES.toMillis(30));

            print("order W-1001 created", host.onOrderCreated(new Order("W-1001", "web", Delivery.HOME_DELIVERY, null,
                List.of(new OrderLine("1", "KETTLE", 2), new OrderLine("2", "MUG", 4)))));
            print("payment captured", host.onPaymentCaptured("W-1001"));
            print("parcel P-1 dispatched", host.onShipmentDispatched("W-1001", "P-1", Map.of("1", 2L, "2", 2L)));
            final long mugsAfterFirstParcel = engine.reads().position("MUG", "DC").orElseThrow().onHand();
            final String redelivered = host.onShipmentDispatched("W-1001", "P-1", Map.of("1", 2L, "2", 2L));
            print("parcel P-1 webhook delivered again", redelivered);
            check(redelivered.startsWith("200") &&
                engine.reads().position("MUG", "DC").orElseThrow().onHand() == mugsAfterFirstParcel,
                "a redelivered shipment webhook is a duplicate and ships nothing twice");
            print("parcel P-2 dispatched (same units, another parcel)",
                host.onShipmentDispatched("W-1001", "P-2", Map.of("2", 2L)));
            check(engine.reads().position("MUG", "DC").orElseThrow().onHand() == 20 - 4, "both parcels left");
            print("a mug returned at the SoHo store",
                host.onReturnReceived("W-1001", "RMA-7", "SOHO", "2", 1, Disposition.RESTOCK));
            check(engine.reads().available("MUG", "SOHO") == 6 + 1, "the returned mug is sellable at SoHo");

            print("order W-1002 created (click and collect at SoHo)", host.onOrderCreated(new Order("W-1002", "web",
                Delivery.CLICK_AND_COLLECT, "SOHO", List.of(new OrderLine("1", "KETTLE", 1)))));
            print("payment captured", host.onPaymentCaptured("W-1002"));
            print("order cancelled after payment", host.onOrderCancelled("W-1002"));
            check(engine.reads().available("KETTLE", "SOHO") == 3, "the cancelled kettle is back on sale");

            final String refused = host.onOrderCreated(new Order("W-1003", "web", Delivery.HOME_DELIVERY, null,
                List.of(new OrderLine("1", "KETTLE", 1), new OrderLine("2", "MUG", 500))));
            print("order W-1003 created (500 mugs)", refused);
            check(refused.startsWith("409") && "OUT_OF_STOCK".equals(host.order("W-1003").status()),
                "an order the network cannot serve is refused whole");

            printKpis(engine, kpis);
        }
    }

    private static void stockTheNetwork(final OmnistockEngine engine)
    {
        final List<Command> setUp = List.of(
            new DefineSku("sku-kettle", "KETTLE"),
            new DefineSku("sku-mug", "MUG"),
            new DefineLocation("loc-dc", "DC", LocationType.WAREHOUSE,
                LocationCapability.SHIPS | LocationCapability.RETURNS, 1, 40_735_000, -74_172_000),
            new DefineLocation("loc-soho", "SOHO", LocationType.STORE, LocationCapability.ALL, 2, 40_723_000, -74_000_000),
            new DefineChannel("ch-web", "web", List.of("DC", "SOHO")),
            new Receive("asn-1", "KETTLE", "DC", 10),
            new Receive("asn-2", "MUG", "DC", 20),
            new Receive("asn-3", "KETTLE", "SOHO", 3),
            new Receive("asn-4", "MUG", "SOHO", 6));
        for (final Command command : setUp)
        {
            check(engine.submit(command).join().isOk(), "set-up " + command);
        }
    }

    private static void printKpis(final OmnistockEngine engine, final KpiReadModel kpis)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kpis.sequence() < engine.reads().sequence() && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final KpiSnapshot snapshot = kpis.snapshot();
        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("as of event", snapshot.sequence());
        figures.put("reservations held", snapshot.reservationsHeld());
        figures.put("BOPIS share", snapshot.bopisShare());
        figures.put("fill rate", snapshot.fillRate());
        figures.put("web return rate", snapshot.returnRate("web"));
        figures.put("engine-controlled oversells", snapshot.engineControlledOversells());
        System.out.println();
        System.out.println("KPIs:");
        figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
        check(snapshot.sequence() == engine.reads().sequence(), "the KPIs caught up with the engine");
        check(snapshot.engineControlledOversells() == 0, "no engine-controlled oversell");
    }

    private static void print(final String webhook, final String response)
    {
        System.out.println(String.format("%-52s -> %s", webhook, response));
    }
}
