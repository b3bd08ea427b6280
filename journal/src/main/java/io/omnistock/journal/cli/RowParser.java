package io.omnistock.journal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.ExtendHold;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.Limits;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one row of an import file, as named fields, into an engine {@link Command}, or says exactly why it cannot
 * (see {@code docs/import-format.md}). The same fields serve both formats: a CSV row is its header's columns
 * (empty cells are absent), a JSON-lines row is its object. In CSV every value is text; lists are separated by
 * {@code ;}.
 *
 * <p>Strict on purpose: an unknown field, a field that does not apply to the row's command, a number that is not
 * whole, a quantity of the wrong sign or an unknown enum name makes the row invalid, so a mistake in an ERP export
 * is reported by line instead of applied. Stateless; allocates per row.
 */
final class RowParser
{
    /** Every field a row may carry. */
    static final Set<String> FIELDS = Set.of("command", "key", "sku", "location", "toLocation", "channel",
        "reservation", "transfer", "quantity", "quantities", "locations", "lines", "locationType", "capabilities",
        "priority", "latitude", "longitude", "bucket", "reason", "disposition", "fulfilment", "holdMs", "time", "price",
        "promotion", "start", "end", "percentOff", "amountOff", "bufferUnits", "bufferPercent", "sharePercent");
    /** The commands, by the name a row gives in its {@code command} field. */
    static final List<String> COMMANDS = List.of("define-sku", "define-location", "define-channel", "receive",
        "expect-receipt", "adjust", "count", "safety-stock", "sale", "transfer-out", "transfer-in", "return",
        "reserve", "extend-hold", "confirm", "release", "fulfil", "advance-time", "price", "promotion", "channel-rule");
    private static final Set<String> LINE_FIELDS = Set.of("sku", "location", "quantity");

    private RowParser()
    {
    }

    /**
     * @param row the row's fields.
     * @return the command the row describes.
     * @throws InvalidRowException when it describes none.
     */
    static Command parse(final ObjectNode row)
    {
        final Fields fields = new Fields(row);
        final String name = fields.id("command").toLowerCase(Locale.ROOT);
        final String key = fields.id("key");
        final Command command = build(name, key, fields);
        fields.finish(name);
        return command;
    }

    private static Command build(final String name, final String key, final Fields f)
    {
        switch (name)
        {
            case "define-sku": return new DefineSku(key, f.id("sku"));
            case "define-location": return new DefineLocation(key, f.id("location"),
                f.choice("locationType", LocationType.class, null), f.capabilities(), (int)f.whole("priority", 0),
                f.microDegrees("latitude", 90), f.microDegrees("longitude", 180));
            case "define-channel": return new DefineChannel(key, f.id("channel"), f.ids("locations"));
            case "receive": return new Receive(key, f.id("sku"), f.id("location"), f.positive("quantity"));
            case "expect-receipt": return new ExpectReceipt(key, f.id("sku"), f.id("location"), f.positive("quantity"));
            case "adjust": return new Adjust(key, f.id("sku"), f.id("location"), f.nonZero("quantity"),
                f.choice("bucket", StockBucket.class, StockBucket.SELLABLE),
                f.choice("reason", AdjustmentReason.class, null));
            case "count": return new CycleCount(key, f.id("sku"), f.id("location"), f.notNegative("quantity"));
            case "safety-stock": return new SetSafetyStock(key, f.id("sku"), f.id("location"), f.notNegative("quantity"));
            case "sale": return new PosSale(key, f.id("channel"), f.id("sku"), f.id("location"), f.positive("quantity"));
            case "transfer-out": return new TransferOut(key, f.id("transfer"), f.id("sku"), f.id("location"),
                f.id("toLocation"), f.positive("quantity"));
            case "transfer-in": return new TransferIn(key, f.id("transfer"), f.positive("quantity"));
            case "return": return new Return(key, f.id("channel"), f.id("sku"), f.id("location"), f.positive("quantity"),
                f.choice("disposition", Disposition.class, null));
            case "reserve": return new Reserve(key, f.id("reservation"), f.id("channel"),
                f.choice("fulfilment", FulfilmentType.class, null), f.holdMs(), f.lines());
            case "extend-hold": return new ExtendHold(key, f.id("reservation"), f.holdMs());
            case "confirm": return new Confirm(key, f.id("reservation"));
            case "release": return new Release(key, f.id("reservation"));
            case "fulfil":
            {
                final String reservation = f.id("reservation");
                final long[] quantities = f.quantities();
                return quantities == null ? Fulfil.all(key, reservation) : Fulfil.lines(key, reservation, quantities);
            }
            case "advance-time": return new AdvanceTime(key, f.time());
            case "price": return new SetPrice(key, f.id("sku"), f.optionalId("location"), f.notNegative("price"));
            case "promotion": return new DefinePromotion(key, f.id("promotion"), f.optionalId("sku"),
                f.optionalId("channel"), f.time("start"), f.time("end"), f.percent("percentOff", 0),
                f.whole("amountOff", 0));
            case "channel-rule": return new SetChannelRule(key, f.id("channel"), f.optionalId("sku"),
                f.optionalId("location"), f.whole("bufferUnits", 0), f.percent("bufferPercent", 0),
                f.percent("sharePercent", 100));
            default: throw new InvalidRowException("unknown command '" + name + "'; the commands are " +
                String.join(", ", COMMANDS));
        }
    }

    /** The fields of one row, remembering which ones the command used. */
    private static final class Fields
    {
        private final ObjectNode row;
        private final Set<String> used = new HashSet<>();

        Fields(final ObjectNode row)
        {
            this.row = row;
            for (final Iterator<String> names = row.fieldNames(); names.hasNext(); )
            {
                final String field = names.next();
                if (!FIELDS.contains(field))
                {
                    throw new InvalidRowException("unknown field '" + field + "'");
                }
            }
        }

        /** Fails when the row sets a field its command does not read. */
        void finish(final String command)
        {
            final Set<String> extra = new LinkedHashSet<>();
            row.fieldNames().forEachRemaining(field ->
            {
                if (!used.contains(field) && isPresent(row.get(field)))
                {
                    extra.add(field);
                }
            });
            if (!extra.isEmpty())
            {
                throw new InvalidRowException(String.join(", ", extra) + (extra.size() == 1 ? " does" : " do") +
                    " not apply to " + command);
            }
        }

        private static boolean isPresent(final JsonNode node)
        {
            return node != null && !node.isNull() && !(node.isTextual() && node.asText().isBlank()) &&
                !(node.isArray() && node.isEmpty());
        }

        private JsonNode node(final String field)
        {
            used.add(field);
            final JsonNode node = row.get(field);
            return isPresent(node) ? node : null;
        }

        String text(final String field)
        {
            final JsonNode node = node(field);
            if (node == null)
            {
                return null;
            }
            if (!node.isValueNode())
            {
                throw new InvalidRowException(field + " must be a single value");
            }
            return node.asText().trim();
        }

        String id(final String field)
        {
            final String id = text(field);
            if (id == null)
            {
                throw new InvalidRowException(field + " is missing");
            }
            return checkId(field, id);
        }

        private static String checkId(final String field, final String id)
        {
            if (!Limits.isValidId(id))
            {
                throw new InvalidRowException(field + " '" + id + "' is not a valid id (1 to " + Limits.ID_LENGTH_MAX +
                    " printable ASCII characters)");
            }
            return id;
        }

        String optionalId(final String field)
        {
            final String id = text(field);
            return id == null || id.isEmpty() ? null : checkId(field, id);
        }

        List<String> ids(final String field)
        {
            final List<String> ids = list(field);
            if (ids.isEmpty())
            {
                throw new InvalidRowException(field + " is missing");
            }
            ids.forEach(id -> checkId(field, id));
            return ids;
        }

        /** A JSON array of values, or text separated by {@code ;}. */
        private List<String> list(final String field)
        {
            final JsonNode node = node(field);
            final List<String> values = new ArrayList<>();
            if (node == null)
            {
                return values;
            }
            if (node.isArray())
            {
                for (final JsonNode element : node)
                {
                    if (!element.isValueNode())
                    {
                        throw new InvalidRowException(field + " must be a list of values");
                    }
                    values.add(element.asText().trim());
                }
                return values;
            }
            if (!node.isValueNode())
            {
                throw new InvalidRowException(field + " must be a list of values");
            }
            for (final String value : node.asText().split(";"))
            {
                if (!value.isBlank())
                {
                    values.add(value.trim());
                }
            }
            return values;
        }

        int percent(final String field, final int absent)
        {
            final long value = whole(field, absent);
            if (value < 0 || value > 100)
            {
                throw new InvalidRowException(field + " must be a whole number 0..100, not " + value);
            }
            return (int)value;
        }

        long whole(final String field, final long absent)
        {
            final JsonNode node = node(field);
            return node == null ? absent : whole(field, node);
        }

        private static long whole(final String field, final JsonNode node)
        {
            if (node.isIntegralNumber() && node.canConvertToLong())
            {
                return node.asLong();
            }
            final String text = node.asText().trim();
            if (node.isTextual() && text.matches("[+-]?[0-9]{1,18}"))
            {
                return Long.parseLong(text);
            }
            throw new InvalidRowException(field + " '" + text + "' is not a whole number");
        }

        private long required(final String field)
        {
            final JsonNode node = node(field);
            if (node == null)
            {
                throw new InvalidRowException(field + " is missing");
            }
            final long value = whole(field, node);
            if (value > Limits.QUANTITY_MAX || value < -Limits.QUANTITY_MAX)
            {
                throw new InvalidRowException(field + " " + value + " is beyond the largest quantity, " +
                    Limits.QUANTITY_MAX);
            }
            return value;
        }

        long positive(final String field)
        {
            final long value = required(field);
            if (value <= 0)
            {
                throw new InvalidRowException(field + " must be positive, not " + value);
            }
            return value;
        }

        long notNegative(final String field)
        {
            final long value = required(field);
            if (value < 0)
            {
                throw new InvalidRowException(field + " must not be negative, not " + value);
            }
            return value;
        }

        long nonZero(final String field)
        {
            final long value = required(field);
            if (value == 0)
            {
                throw new InvalidRowException(field + " must not be zero (a signed change)");
            }
            return value;
        }

        long[] quantities()
        {
            final List<String> values = list("quantities");
            if (values.isEmpty())
            {
                return null;
            }
            final long[] quantities = new long[values.size()];
            for (int i = 0; i < quantities.length; i++)
            {
                if (!values.get(i).matches("[0-9]{1,18}"))
                {
                    throw new InvalidRowException("quantities: '" + values.get(i) +
                        "' is not a whole number of zero or more");
                }
                quantities[i] = Long.parseLong(values.get(i));
            }
            return quantities;
        }

        <E extends Enum<E>> E choice(final String field, final Class<E> type, final E absent)
        {
            final String text = text(field);
            if (text == null)
            {
                if (absent == null)
                {
                    throw new InvalidRowException(field + " is missing; one of " + names(type));
                }
                return absent;
            }
            try
            {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidRowException(field + " '" + text + "' is not one of " + names(type));
            }
        }

        private static String names(final Class<? extends Enum<?>> type)
        {
            return Arrays.toString(type.getEnumConstants());
        }

        int capabilities()
        {
            final List<String> names = list("capabilities");
            if (names.isEmpty())
            {
                return LocationCapability.ALL;
            }
            int capabilities = LocationCapability.NONE;
            for (final String name : names)
            {
                switch (name.toUpperCase(Locale.ROOT))
                {
                    case "SHIPS": capabilities |= LocationCapability.SHIPS; break;
                    case "PICKUP": capabilities |= LocationCapability.PICKUP; break;
                    case "RETURNS": capabilities |= LocationCapability.RETURNS; break;
                    case "ALL": capabilities |= LocationCapability.ALL; break;
                    case "NONE": break;
                    default: throw new InvalidRowException("capabilities: '" + name +
                        "' is not one of SHIPS, PICKUP, RETURNS, ALL, NONE");
                }
            }
            return capabilities;
        }

        /** Decimal degrees, at most 6 decimals, within +-limit; as micro-degrees. */
        int microDegrees(final String field, final int limitDegrees)
        {
            final JsonNode node = node(field);
            if (node == null)
            {
                return 0;
            }
            try
            {
                final BigDecimal degrees = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
                if (degrees.abs().compareTo(BigDecimal.valueOf(limitDegrees)) > 0)
                {
                    throw new InvalidRowException(field + " " + degrees.toPlainString() + " is outside -" +
                        limitDegrees + ".." + limitDegrees + " degrees");
                }
                return degrees.movePointRight(6).intValueExact();
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new InvalidRowException(field + " '" + node.asText() +
                    "' is not decimal degrees with at most 6 decimals");
            }
        }

        /** Whole milliseconds, or an ISO-8601 duration such as PT15M. */
        long holdMs()
        {
            final JsonNode node = node("holdMs");
            if (node == null)
            {
                throw new InvalidRowException("holdMs is missing");
            }
            final String text = node.asText().trim();
            final long holdMs;
            if (text.toUpperCase(Locale.ROOT).startsWith("P"))
            {
                try
                {
                    holdMs = Duration.parse(text).toMillis();
                }
                catch (final DateTimeParseException | ArithmeticException ex)
                {
                    throw new InvalidRowException("holdMs '" + text + "' is not an ISO-8601 duration such as PT15M");
                }
            }
            else
            {
                holdMs = whole("holdMs", node);
            }
            if (holdMs <= 0)
            {
                throw new InvalidRowException("holdMs must be positive, not " + holdMs);
            }
            return holdMs;
        }

        /** Epoch milliseconds or an ISO-8601 instant. */
        long time()
        {
            return time("time");
        }

        /** A field holding epoch milliseconds or an ISO-8601 instant. */
        long time(final String field)
        {
            final JsonNode node = node(field);
            if (node == null)
            {
                throw new InvalidRowException(field + " is missing");
            }
            if (node.isIntegralNumber() && node.canConvertToLong())
            {
                return node.asLong();
            }
            try
            {
                return TimeConverter.parse(node.asText());
            }
            catch (final RuntimeException ex)
            {
                throw new InvalidRowException(field + " " + ex.getMessage());
            }
        }

        /** A JSON {@code lines} array, or one line from the row's own sku, location and quantity. */
        List<ReserveLine> lines()
        {
            final JsonNode lines = node("lines");
            if (lines == null)
            {
                final String sku = id("sku");
                final String location = text("location");
                return List.of(new ReserveLine(sku, location == null ? null : checkId("location", location),
                    positive("quantity")));
            }
            if (!lines.isArray())
            {
                throw new InvalidRowException("lines must be an array of {\"sku\", \"location\", \"quantity\"} objects");
            }
            final List<ReserveLine> reserveLines = new ArrayList<>(lines.size());
            for (final JsonNode line : lines)
            {
                if (!line.isObject())
                {
                    throw new InvalidRowException("lines must be an array of {\"sku\", \"location\", \"quantity\"} objects");
                }
                reserveLines.add(line(reserveLines.size(), (ObjectNode)line));
            }
            return reserveLines;
        }

        private static ReserveLine line(final int index, final ObjectNode line)
        {
            line.fieldNames().forEachRemaining(field ->
            {
                if (!LINE_FIELDS.contains(field))
                {
                    throw new InvalidRowException("line " + index + ": unknown field '" + field + "'");
                }
            });
            final Fields fields = new Fields(line);
            try
            {
                final String sku = fields.id("sku");
                final String location = fields.text("location");
                return new ReserveLine(sku, location == null ? null : checkId("location", location),
                    fields.positive("quantity"));
            }
            catch (final InvalidRowException ex)
            {
                throw new InvalidRowException("line " + index + ": " + ex.getMessage());
            }
        }
    }
}
