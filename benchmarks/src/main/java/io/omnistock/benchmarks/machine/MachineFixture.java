package io.omnistock.benchmarks.machine;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.benchmarks.DirectMachine;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.AsciiKey;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.StateMachine;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine every state-machine benchmark runs against: one {@link StateMachine} with the default capacities,
 * filled through the API boundary (translate, then apply) exactly as a host would fill it.
 * <pre>
 *   SKUs       100,000                  sku-000000 .. sku-099999
 *   locations  10                       dc-00, dc-01        WAREHOUSE  SHIPS | RETURNS  priority 1
 *                                       store-02 .. store-09 STORE     ALL              priority 2
 *   channels   web, app  -> all 10 locations
 *              pos       -> the 8 stores
 *   positions  1,000,000 (every SKU at every location), each received with 2^40 units
 * </pre>
 * Position number {@code p} is SKU {@code p / 10} at location {@code p % 10}: the order the positions are
 * received in, so it is also the engine's own dense position index.
 *
 * <p>Configuration: {@link EngineConfig#defaults()} (100,000 SKUs, 1,000,000 positions, 100,000 reservations,
 * 16 lines per reservation, 262,144 idempotency keys) except {@code idempotencyRetentionMs = 0}: engine time
 * stands still in the benchmarks, and a zero retention lets the full idempotency table forget its oldest key
 * for each new one, so it recycles in steady state as it would with a real clock; the per-command work is the
 * same. With 2^40 units per position no benchmark can run out of stock, so no restocking is needed.
 *
 * <p>By default no position has a safety stock, damaged, quarantined or in-transit units, as most positions have
 * none: those buckets are then never allocated and an availability check does not read them. A fixture built with
 * a safety stock sets one at every position, so that every check reads them too (the state machine keeps them
 * outside the 32-byte position record): what a retailer that sets safety stock everywhere pays.
 *
 * <p>Not thread-safe; built in {@code @Setup}, outside every measurement. Building allocates freely.
 */
final class MachineFixture
{
    /** SKUs defined. */
    static final int SKU_COUNT = 100_000;
    /** Digits of the number in a SKU id ({@code sku-000042}). */
    static final int SKU_ID_DIGITS = 6;
    /** Locations defined. */
    static final int LOCATION_COUNT = 10;
    /** Warehouses among the locations (the first ones); the rest are stores. */
    static final int WAREHOUSE_COUNT = 2;
    /** Positions: every SKU at every location. */
    static final int POSITION_COUNT = SKU_COUNT * LOCATION_COUNT;
    /** Units received at every position. */
    static final long UNITS_PER_POSITION = 1L << 40;
    /** Engine time of every command: time stands still, so no hold ever expires. */
    static final long TIME_MS = 1_767_225_600_000L;
    /** Hold duration of every reservation: 15 minutes, as a checkout would ask. */
    static final long HOLD_MS = 15 * 60_000L;
    /** The channel the reservations come from. */
    static final String WEB = "web";
    /** Every channel, in definition order. */
    static final String[] CHANNELS = {WEB, "app", "pos"};

    final EngineConfig config;
    final StateMachine machine;
    final String[] skuIds = new String[SKU_COUNT];
    final String[] locationIds = new String[LOCATION_COUNT];
    final AsciiKey[] locationKeys = new AsciiKey[LOCATION_COUNT];
    private final DirectMachine direct;
    private long setupKeys;

    /** The default fixture: no safety stock. */
    MachineFixture()
    {
        this(0);
    }

    /**
     * @param safetyStock units of safety stock set at every position after its receipt; 0 sets none.
     */
    MachineFixture(final long safetyStock)
    {
        config = EngineConfig.defaults()
            .skuCapacity(SKU_COUNT)
            .positionCapacity(POSITION_COUNT)
            .idempotencyRetentionMs(0);
        direct = new DirectMachine(config, TIME_MS);
        machine = direct.machine();
        defineLocations();
        defineChannels();
        for (int sku = 0; sku < SKU_COUNT; sku++)
        {
            skuIds[sku] = String.format("sku-%0" + SKU_ID_DIGITS + "d", sku);
            apply(new DefineSku(nextSetupKey(), skuIds[sku]));
        }
        for (int position = 0; position < POSITION_COUNT; position++)
        {
            apply(new Receive(nextSetupKey(), skuIds[skuOf(position)], locationIds[locationOf(position)],
                UNITS_PER_POSITION));
            if (safetyStock > 0)
            {
                apply(new SetSafetyStock(nextSetupKey(), skuIds[skuOf(position)], locationIds[locationOf(position)],
                    safetyStock));
            }
        }
        if (machine.positionCount() != POSITION_COUNT)
        {
            throw new IllegalStateException("expected " + POSITION_COUNT + " positions: " + machine.positionCount());
        }
    }

    private void defineLocations()
    {
        for (int location = 0; location < LOCATION_COUNT; location++)
        {
            final boolean warehouse = location < WAREHOUSE_COUNT;
            locationIds[location] = String.format(warehouse ? "dc-%02d" : "store-%02d", location);
            locationKeys[location] = new AsciiKey().set(locationIds[location]);
            apply(new DefineLocation(nextSetupKey(), locationIds[location],
                warehouse ? LocationType.WAREHOUSE : LocationType.STORE,
                warehouse ? LocationCapability.SHIPS | LocationCapability.RETURNS : LocationCapability.ALL,
                warehouse ? 1 : 2, 0, 0));
        }
    }

    private void defineChannels()
    {
        final List<String> all = List.of(locationIds);
        final List<String> stores = new ArrayList<>(all.subList(WAREHOUSE_COUNT, LOCATION_COUNT));
        apply(new DefineChannel(nextSetupKey(), CHANNELS[0], all));
        apply(new DefineChannel(nextSetupKey(), CHANNELS[1], all));
        apply(new DefineChannel(nextSetupKey(), CHANNELS[2], stores));
    }

    private String nextSetupKey()
    {
        return "setup-" + (++setupKeys);
    }

    /**
     * Translates and applies a setup command.
     *
     * @param command the command.
     * @throws IllegalStateException when the engine does not answer OK.
     */
    void apply(final Command command)
    {
        direct.apply(command);
    }

    /**
     * Translates a command into a new slot that a benchmark reuses as a template: it restamps the keys and
     * retargets the lines of the slot before each apply.
     *
     * @param command the command.
     * @return the translated slot, stamped with {@link #TIME_MS}.
     */
    CommandSlot template(final Command command)
    {
        return direct.translate(command, new CommandSlot(config.linesPerReservationMax()));
    }

    /**
     * Checks every invariant of the engine over the whole state (O(state), allocates).
     *
     * @throws IllegalStateException naming the first violation.
     */
    void verify()
    {
        final String violation = machine.verifyInvariants();
        if (violation != null)
        {
            throw new IllegalStateException("invariant violated: " + violation);
        }
    }

    /** @param position a position number. @return its SKU index. */
    static int skuOf(final int position)
    {
        return position / LOCATION_COUNT;
    }

    /** @param position a position number. @return its location index. */
    static int locationOf(final int position)
    {
        return position % LOCATION_COUNT;
    }
}
