package io.omnistock.benchmarks.machine;

import io.omnistock.api.Confirm;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.PosSale;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.state.AsciiKey;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.StateMachine;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives reservations through a {@link MachineFixture}'s state machine the way the pipeline's writer sees them,
 * without allocating: one preallocated slot per command kind, translated once from a real API command, then,
 * before each apply, given a fresh idempotency key and reservation key and, for a reserve, the SKU and location
 * ids of its lines from the access sequence ({@link IdStamps}). That restamping is work the API boundary
 * does on the caller's thread in the real pipeline; it is inside the measured operation here, and
 * {@link #stampOnly()} measures it alone.
 *
 * <p>Reservation number {@code r} uses entries {@code r * lines .. r * lines + lines - 1} of the access
 * sequence. {@code openHolds} reservations stay held between operations, like carts in checkout: reservation
 * {@code r} is released (or confirmed and fulfilled) right after reservation {@code r + openHolds} is made, so
 * the expiry queue and the reservation index hold {@code openHolds} live entries in steady state.
 *
 * <p>Every answer is checked: anything but a fresh OK is counted, and {@link #verify()} fails the trial unless
 * every command was a fresh OK that recorded exactly one event (the work was done, not replayed, and no hold
 * expired). The engine's full invariant check runs once the first holds are open; it allocates, so it does not
 * run after the measurement (JMH's {@code -prof gc} would count a trial tear-down's allocation against the last
 * iteration).
 *
 * <p>Single-threaded, like the writer.
 */
final class ReservationDriver
{
    /** Reserve + release pairs decided per {@link #reserveAndReleaseGroup()}: 32 commands, a writer's batch. */
    static final int GROUP_PAIRS = 16;

    private static final String RESERVATION_TEMPLATE = "order-" + IdStamps.COUNTER_PLACEHOLDER;

    private final MachineFixture fixture;
    private final StateMachine machine;
    private final AsciiKey[] locationKeys;
    private final int[] positions;
    private final int linesPerReservation;
    private final int openHolds;
    private final CommandSlot reserve;
    private final CommandSlot release;
    private final CommandSlot confirm;
    private final CommandSlot fulfil;
    private final CommandSlot sale;
    private final CommandSlot receipt;
    private final CommandSlot[] groupReserve = new CommandSlot[GROUP_PAIRS];
    private final CommandSlot[] groupRelease = new CommandSlot[GROUP_PAIRS];
    private final long sequenceAtStart;
    private long nextReservation;
    private long decided;
    private long failures;
    private int lastFailureCode;

    /**
     * Builds the slots and opens the first {@code openHolds} holds.
     *
     * @param fixture             the engine.
     * @param positions           the access sequence, {@link AccessPattern#SEQUENCE_LENGTH} long.
     * @param linesPerReservation lines of every reservation, dividing the sequence length.
     * @param openHolds           holds kept open between operations, less than half the reservation capacity.
     */
    ReservationDriver(
        final MachineFixture fixture, final int[] positions, final int linesPerReservation, final int openHolds)
    {
        if (openHolds < 0 || openHolds > fixture.config.reservationCapacity() / 2)
        {
            throw new IllegalArgumentException("openHolds must be in 0.." + fixture.config.reservationCapacity() / 2);
        }
        if (linesPerReservation < 1 || AccessPattern.SEQUENCE_LENGTH % linesPerReservation != 0)
        {
            throw new IllegalArgumentException("linesPerReservation must divide " + AccessPattern.SEQUENCE_LENGTH);
        }
        this.fixture = fixture;
        this.machine = fixture.machine;
        this.locationKeys = fixture.locationKeys;
        this.positions = positions;
        this.linesPerReservation = linesPerReservation;
        this.openHolds = openHolds;
        final List<ReserveLine> lines = new ArrayList<>();
        for (int i = 0; i < linesPerReservation; i++)
        {
            lines.add(ReserveLine.at(fixture.skuIds[i], fixture.locationIds[0], 1));
        }
        reserve = fixture.template(new Reserve("reserve-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE,
            MachineFixture.WEB, FulfilmentType.SHIP, MachineFixture.HOLD_MS, lines));
        release = fixture.template(new Release("release-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE));
        confirm = fixture.template(new Confirm("confirm-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE));
        fulfil = fixture.template(Fulfil.all("fulfil-" + IdStamps.COUNTER_PLACEHOLDER, RESERVATION_TEMPLATE));
        sale = fixture.template(new PosSale("sale-" + IdStamps.COUNTER_PLACEHOLDER, MachineFixture.WEB,
            fixture.skuIds[0], fixture.locationIds[0], 1));
        receipt = fixture.template(new Receive("receipt-" + IdStamps.COUNTER_PLACEHOLDER, fixture.skuIds[0],
            fixture.locationIds[0], 1));
        for (int i = 0; i < GROUP_PAIRS; i++)
        {
            groupReserve[i] = fixture.template(new Reserve("reserve-" + IdStamps.COUNTER_PLACEHOLDER,
                RESERVATION_TEMPLATE, MachineFixture.WEB, FulfilmentType.SHIP, MachineFixture.HOLD_MS, lines));
            groupRelease[i] = fixture.template(new Release("release-" + IdStamps.COUNTER_PLACEHOLDER,
                RESERVATION_TEMPLATE));
        }
        sequenceAtStart = machine.sequence();
        for (int i = 0; i < openHolds; i++)
        {
            reserveNext();
        }
        verify();
        fixture.verify();
    }

    /** Reserves the next reservation: one command of {@code linesPerReservation} lines, one unit each. */
    void reserveNext()
    {
        stampReserve(reserve, nextReservation++);
        decide(reserve);
    }

    /**
     * Decides {@value #GROUP_PAIRS} reserve + release pairs as the pipeline's writer decides a batch of that many
     * commands: all stamped first, offered to {@link StateMachine#prefetchCommand} in order, then
     * {@link StateMachine#prefetchGroup()}, then applied one by one in the same order as {@link #reserveNext()}
     * and {@link #releaseOldest()} would apply them. No release in a group refers to a reservation of the same
     * group ({@code openHolds} is at least the group size), so the commands and answers are those of
     * {@value #GROUP_PAIRS} single pairs.
     */
    void reserveAndReleaseGroup()
    {
        if (openHolds < GROUP_PAIRS)
        {
            throw new IllegalStateException("grouped pairs need openHolds >= " + GROUP_PAIRS + ": " + openHolds);
        }
        for (int i = 0; i < GROUP_PAIRS; i++)
        {
            final long reservation = nextReservation + i;
            stampReserve(groupReserve[i], reservation);
            stamp(groupRelease[i], reservation - openHolds);
            machine.prefetchCommand(groupReserve[i]);
            machine.prefetchCommand(groupRelease[i]);
        }
        machine.prefetchGroup();
        for (int i = 0; i < GROUP_PAIRS; i++)
        {
            nextReservation++;
            decide(groupReserve[i]);
            decide(groupRelease[i]);
        }
    }

    /** Releases the oldest open hold: one command. */
    void releaseOldest()
    {
        stamp(release, oldest());
        decide(release);
    }

    /** Confirms the oldest open hold: one command. */
    void confirmOldest()
    {
        stamp(confirm, oldest());
        decide(confirm);
    }

    /** Fulfils all of the oldest reservation, confirmed just before: one command. */
    void fulfilOldest()
    {
        stamp(fulfil, oldest());
        decide(fulfil);
    }

    /**
     * Sells one unit at the next position of the access sequence (a till sale on the web channel, which holds every
     * location) and receives it back at the same position: two commands on one position each, no reservation,
     * the path of the M5 workload's till sales and receipts. Uses the sequence entry of reservation number
     * {@code nextReservation}, which it advances like a reserve, without opening a hold.
     */
    void sellAndRestock()
    {
        final long n = nextReservation++;
        final int position = positions[(int)(n * linesPerReservation) & AccessPattern.SEQUENCE_MASK];
        stampPosition(sale, n, position);
        decide(sale);
        stampPosition(receipt, n, position);
        decide(receipt);
    }

    private void stampPosition(final CommandSlot slot, final long n, final int position)
    {
        IdStamps.stampCounter(slot.key, n);
        IdStamps.stampDecimal(slot.sku, MachineFixture.skuOf(position), MachineFixture.SKU_ID_DIGITS);
        slot.location.set(locationKeys[MachineFixture.locationOf(position)]);
    }

    /**
     * Stamps a reserve and a release exactly as {@link #reserveNext()} and {@link #releaseOldest()} do, and
     * applies neither: the share of a measured reserve + release pair that is boundary work, not the engine's.
     */
    void stampOnly()
    {
        stampReserve(reserve, nextReservation++);
        stamp(release, oldest());
    }

    private long oldest()
    {
        return nextReservation - 1 - openHolds;
    }

    private void stampReserve(final CommandSlot slot, final long reservation)
    {
        stamp(slot, reservation);
        final int first = (int)(reservation * linesPerReservation) & AccessPattern.SEQUENCE_MASK;
        for (int i = 0; i < linesPerReservation; i++)
        {
            final int position = positions[first + i];
            IdStamps.stampDecimal(slot.lineSku[i], MachineFixture.skuOf(position), MachineFixture.SKU_ID_DIGITS);
            slot.lineLocation[i].set(locationKeys[MachineFixture.locationOf(position)]);
        }
    }

    private static void stamp(final CommandSlot slot, final long reservation)
    {
        IdStamps.stampCounter(slot.key, reservation);
        IdStamps.stampCounter(slot.reference, reservation);
    }

    private void decide(final CommandSlot slot)
    {
        machine.apply(slot);
        decided++;
        if (slot.code != ReasonCode.OK || slot.duplicate)
        {
            failures++;
            lastFailureCode = slot.code;
        }
    }

    /**
     * Fails the trial unless every command so far was a fresh OK that recorded exactly one event. Allocates
     * nothing unless it fails.
     *
     * @throws IllegalStateException describing what went wrong.
     */
    void verify()
    {
        if (failures != 0)
        {
            throw new IllegalStateException(failures + " of " + decided + " commands were not a fresh OK; last code " +
                ReasonCode.name(lastFailureCode));
        }
        final long events = machine.sequence() - sequenceAtStart;
        if (events != decided)
        {
            throw new IllegalStateException(decided + " commands recorded " + events + " events, expected one each");
        }
    }
}
