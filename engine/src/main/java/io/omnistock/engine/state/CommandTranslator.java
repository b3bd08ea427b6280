package io.omnistock.engine.state;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Destination;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.ExtendHold;
import io.omnistock.api.Fulfil;
import io.omnistock.api.Limits;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;

import java.util.List;

import static io.omnistock.api.ReasonCode.*;

/**
 * The API boundary: checks what cannot be carried in a slot (null commands, null or oversized or non-ASCII ids,
 * null enums and lists, more lines than allowed) and copies an immutable {@link Command} into a
 * {@link CommandSlot}. Everything else (quantities, references, stock) is decided by the {@link StateMachine}
 * so that it is journaled. Stateless; safe from any thread on the slot it owns.
 */
public final class CommandTranslator
{
    private final int linesMax;
    private final int locationsMax;

    /**
     * @param linesPerReservationMax the most lines a reservation may have.
     * @param locationCapacity       the most locations a channel may list.
     */
    public CommandTranslator(final int linesPerReservationMax, final int locationCapacity)
    {
        this.linesMax = linesPerReservationMax;
        this.locationsMax = locationCapacity;
    }

    /**
     * Validates a command at the boundary without a slot: what {@link #translate} would answer.
     *
     * @param command the command.
     * @return OK, or the boundary rejection.
     */
    public int check(final Command command)
    {
        if (command == null || command.type() == null)
        {
            return INVALID_ARGUMENT;
        }
        if (!Limits.isValidId(command.key()))
        {
            return INVALID_KEY;
        }
        switch (command.type())
        {
            case DEFINE_SKU: return ids(((DefineSku)command).sku());
            case DEFINE_LOCATION:
            {
                final DefineLocation c = (DefineLocation)command;
                return c.locationType() == null ? INVALID_ARGUMENT : ids(c.location());
            }
            case DEFINE_CHANNEL: return checkChannel((DefineChannel)command);
            case SET_PRICE:
            {
                final SetPrice c = (SetPrice)command;
                return ids(c.sku()) == OK && optionalId(c.location()) ? OK : INVALID_ID;
            }
            case DEFINE_PROMOTION:
            {
                final DefinePromotion c = (DefinePromotion)command;
                return ids(c.promotion()) == OK && optionalId(c.sku()) && optionalId(c.channel()) ? OK : INVALID_ID;
            }
            case SET_CHANNEL_RULE:
            {
                final SetChannelRule c = (SetChannelRule)command;
                return ids(c.channel()) == OK && optionalId(c.sku()) && optionalId(c.location()) ? OK : INVALID_ID;
            }
            case RECEIVE: return ids(((Receive)command).sku(), ((Receive)command).location());
            case EXPECT_RECEIPT: return ids(((ExpectReceipt)command).sku(), ((ExpectReceipt)command).location());
            case ADJUST:
            {
                final Adjust c = (Adjust)command;
                return c.bucket() == null || c.reason() == null ? INVALID_ARGUMENT : ids(c.sku(), c.location());
            }
            case COUNT: return ids(((CycleCount)command).sku(), ((CycleCount)command).location());
            case SET_SAFETY_STOCK: return ids(((SetSafetyStock)command).sku(), ((SetSafetyStock)command).location());
            case SELL:
            {
                final PosSale c = (PosSale)command;
                return ids(c.channel(), c.sku(), c.location());
            }
            case TRANSFER_OUT:
            {
                final TransferOut c = (TransferOut)command;
                return ids(c.transfer(), c.sku(), c.fromLocation(), c.toLocation());
            }
            case TRANSFER_IN: return ids(((TransferIn)command).transfer());
            case RETURN:
            {
                final Return c = (Return)command;
                return c.disposition() == null ? INVALID_ARGUMENT : ids(c.channel(), c.sku(), c.location());
            }
            case RESERVE: return checkReserve((Reserve)command);
            case EXTEND_HOLD: return ids(((ExtendHold)command).reservation());
            case CONFIRM: return ids(((Confirm)command).reservation());
            case RELEASE: return ids(((Release)command).reservation());
            case FULFIL:
            {
                final Fulfil c = (Fulfil)command;
                return c.lineCount() > linesMax ? TOO_MANY_LINES : ids(c.reservation());
            }
            case ADVANCE_TIME: return OK;
            default: return INVALID_ARGUMENT;
        }
    }

    private int checkChannel(final DefineChannel command)
    {
        final int code = ids(command.channel());
        if (code != OK)
        {
            return code;
        }
        final List<String> locations = command.locations();
        if (locations == null || locations.isEmpty())
        {
            return EMPTY;
        }
        if (locations.size() > locationsMax)
        {
            return TOO_MANY_LINES;
        }
        for (final String location : locations)
        {
            if (!Limits.isValidId(location))
            {
                return INVALID_ID;
            }
        }
        return OK;
    }

    private int checkReserve(final Reserve command)
    {
        final int code = ids(command.reservation(), command.channel());
        if (code != OK || !optionalId(command.pickupLocation()))
        {
            return code != OK ? code : INVALID_ID;
        }
        if (command.fulfilment() == null)
        {
            return INVALID_ARGUMENT;
        }
        final List<ReserveLine> lines = command.lines();
        if (lines == null || lines.isEmpty())
        {
            return EMPTY;
        }
        if (lines.size() > linesMax)
        {
            return TOO_MANY_LINES;
        }
        for (final ReserveLine line : lines)
        {
            if (line == null)
            {
                return INVALID_ARGUMENT;
            }
            if (!Limits.isValidId(line.sku()) || (line.location() != null && !Limits.isValidId(line.location())))
            {
                return INVALID_ID;
            }
        }
        return OK;
    }

    private static int ids(final String first, final String second, final String third)
    {
        return Limits.isValidId(third) ? ids(first, second) : INVALID_ID;
    }

    private static int ids(final String first, final String second, final String third, final String fourth)
    {
        return Limits.isValidId(fourth) ? ids(first, second, third) : INVALID_ID;
    }

    private static boolean optionalId(final String id)
    {
        return id == null || Limits.isValidId(id);
    }

    private static int ids(final String id)
    {
        return Limits.isValidId(id) ? OK : INVALID_ID;
    }

    private static int ids(final String first, final String second)
    {
        return Limits.isValidId(first) && Limits.isValidId(second) ? OK : INVALID_ID;
    }

    /**
     * Checks a command and, if it passes, copies it into the slot (the slot's input is cleared first).
     *
     * @param command     the command.
     * @param timestampMs the engine time to stamp on it.
     * @param slot        the slot owned by the calling thread.
     * @return OK when copied; otherwise the boundary rejection and the slot's content is undefined.
     */
    public int translate(final Command command, final long timestampMs, final CommandSlot slot)
    {
        final int code = check(command);
        if (code != OK)
        {
            return code;
        }
        slot.clearInput();
        slot.typeCode = command.type().code();
        slot.timestampMs = timestampMs;
        slot.key.set(command.key());
        copy(command, slot);
        return OK;
    }

    private static void copy(final Command command, final CommandSlot slot)
    {
        switch (command.type())
        {
            case DEFINE_SKU:
                slot.reference.set(((DefineSku)command).sku());
                break;
            case DEFINE_LOCATION:
            {
                final DefineLocation c = (DefineLocation)command;
                slot.reference.set(c.location());
                slot.kind = c.locationType().code();
                slot.capabilities = c.capabilities();
                slot.priority = c.priority();
                slot.latitudeMicros = c.latitudeMicros();
                slot.longitudeMicros = c.longitudeMicros();
                break;
            }
            case DEFINE_CHANNEL:
            {
                final DefineChannel c = (DefineChannel)command;
                slot.reference.set(c.channel());
                final List<String> locations = c.locations();
                slot.ensureLineCapacity(locations.size());
                slot.lineCount = locations.size();
                for (int i = 0; i < locations.size(); i++)
                {
                    slot.lineSku[i].clear();
                    slot.lineLocation[i].set(locations.get(i));
                    slot.lineQuantity[i] = 0;
                }
                break;
            }
            case RECEIVE:
                position(slot, ((Receive)command).sku(), ((Receive)command).location(), ((Receive)command).quantity());
                break;
            case EXPECT_RECEIPT:
            {
                final ExpectReceipt c = (ExpectReceipt)command;
                position(slot, c.sku(), c.location(), c.quantity());
                break;
            }
            case ADJUST:
            {
                final Adjust c = (Adjust)command;
                position(slot, c.sku(), c.location(), c.delta());
                slot.kind = c.bucket().code();
                slot.reason = c.reason().code();
                break;
            }
            case COUNT:
            {
                final CycleCount c = (CycleCount)command;
                position(slot, c.sku(), c.location(), c.countedQuantity());
                break;
            }
            case SET_PRICE:
            {
                final SetPrice c = (SetPrice)command;
                position(slot, c.sku(), c.location(), c.unitPriceMinor());
                break;
            }
            case DEFINE_PROMOTION:
            {
                // quantity = amount off, priority = percent off
                final DefinePromotion c = (DefinePromotion)command;
                slot.reference.set(c.promotion());
                slot.sku.set(c.sku());
                slot.channel.set(c.channel());
                slot.quantity = c.amountOffMinor();
                slot.priority = c.percentOff();
                slot.fromMs = c.startMs();
                slot.untilMs = c.endMs();
                break;
            }
            case SET_CHANNEL_RULE:
            {
                // the slot's generic fields: quantity = buffer units, priority = buffer %, capabilities = share %
                final SetChannelRule c = (SetChannelRule)command;
                slot.channel.set(c.channel());
                slot.sku.set(c.sku());
                slot.location.set(c.location());
                slot.quantity = c.bufferUnits();
                slot.priority = c.bufferPercent();
                slot.capabilities = c.sharePercent();
                break;
            }
            case SET_SAFETY_STOCK:
            {
                final SetSafetyStock c = (SetSafetyStock)command;
                position(slot, c.sku(), c.location(), c.quantity());
                break;
            }
            case SELL:
            {
                final PosSale c = (PosSale)command;
                position(slot, c.sku(), c.location(), c.quantity());
                slot.channel.set(c.channel());
                break;
            }
            case TRANSFER_OUT:
            {
                final TransferOut c = (TransferOut)command;
                position(slot, c.sku(), c.fromLocation(), c.quantity());
                slot.toLocation.set(c.toLocation());
                slot.reference.set(c.transfer());
                break;
            }
            case TRANSFER_IN:
                slot.reference.set(((TransferIn)command).transfer());
                slot.quantity = ((TransferIn)command).quantity();
                break;
            case RETURN:
            {
                final Return c = (Return)command;
                position(slot, c.sku(), c.location(), c.quantity());
                slot.channel.set(c.channel());
                slot.kind = c.disposition().code();
                break;
            }
            case RESERVE:
                copyReserve((Reserve)command, slot);
                break;
            case EXTEND_HOLD:
                slot.reference.set(((ExtendHold)command).reservation());
                slot.quantity = ((ExtendHold)command).holdMs();
                break;
            case CONFIRM:
                slot.reference.set(((Confirm)command).reservation());
                break;
            case RELEASE:
                slot.reference.set(((Release)command).reservation());
                break;
            case FULFIL:
                copyFulfil((Fulfil)command, slot);
                break;
            case ADVANCE_TIME:
                slot.quantity = ((AdvanceTime)command).timeMs();
                break;
            default:
                throw new IllegalStateException("unhandled command type " + command.type());
        }
    }

    private static void position(final CommandSlot slot, final String sku, final String location, final long quantity)
    {
        slot.sku.set(sku);
        slot.location.set(location);
        slot.quantity = quantity;
    }

    private static void copyReserve(final Reserve command, final CommandSlot slot)
    {
        slot.reference.set(command.reservation());
        slot.channel.set(command.channel());
        slot.kind = command.fulfilment().code();
        slot.quantity = command.holdMs();
        slot.location.set(command.pickupLocation());
        final Destination destination = command.destination();
        slot.destination = destination != null;
        slot.latitudeMicros = destination == null ? 0 : destination.latitudeMicros();
        slot.longitudeMicros = destination == null ? 0 : destination.longitudeMicros();
        final List<ReserveLine> lines = command.lines();
        slot.ensureLineCapacity(lines.size());
        slot.lineCount = lines.size();
        for (int i = 0; i < lines.size(); i++)
        {
            final ReserveLine line = lines.get(i);
            slot.lineSku[i].set(line.sku());
            slot.lineLocation[i].set(line.location());
            slot.lineQuantity[i] = line.quantity();
        }
    }

    private static void copyFulfil(final Fulfil command, final CommandSlot slot)
    {
        slot.reference.set(command.reservation());
        slot.allLines = command.isAll();
        final int count = command.lineCount();
        slot.ensureLineCapacity(count);
        slot.lineCount = count;
        for (int i = 0; i < count; i++)
        {
            slot.lineSku[i].clear();
            slot.lineLocation[i].clear();
            slot.lineQuantity[i] = command.quantity(i);
        }
    }
}
