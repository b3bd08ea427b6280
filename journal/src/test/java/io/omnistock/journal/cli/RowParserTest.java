package io.omnistock.journal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.Disposition;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferOut;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rows to commands: what each field means, and a clear reason for every row that is not a command. */
class RowParserTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadEnumsWhateverTheirCaseAndListsAsArraysOrSemicolons() throws Exception
    {
        assertEquals(new DefineLocation("k", "DC-1", LocationType.DARK_STORE, LocationCapability.SHIPS |
                LocationCapability.RETURNS, 3, 40_723_000, -73_999_999),
            parse("{'command':'define-location','key':'k','location':'DC-1','locationType':'dark-store'," +
                "'capabilities':'ships;returns','priority':'3','latitude':'40.723','longitude':-73.999999}"));
        assertEquals(new DefineChannel("k", "web", List.of("A", "B")),
            parse("{'command':'DEFINE-CHANNEL','key':'k','channel':'web','locations':' A ; B '}"));
        assertEquals(new DefineChannel("k", "web", List.of("A", "B")),
            parse("{'command':'define-channel','key':'k','channel':'web','locations':['A','B']}"));
    }

    @Test
    void shouldReadPricesPromotionsAndChannelRules() throws Exception
    {
        assertEquals(new io.omnistock.api.SetPrice("k", "S", null, 1999),
            parse("{'command':'price','key':'k','sku':'S','price':'1999'}"));
        assertEquals(new io.omnistock.api.SetPrice("k", "S", "L", 0),
            parse("{'command':'price','key':'k','sku':'S','location':'L','price':0}"));
        assertEquals(new io.omnistock.api.DefinePromotion("k", "june", null, "web", 1_780_272_000_000L,
                1_782_864_000_000L, 25, 0),
            parse("{'command':'promotion','key':'k','promotion':'june','channel':'web'," +
                "'start':'2026-06-01T00:00:00Z','end':1782864000000,'percentOff':25}"));
        assertEquals(new io.omnistock.api.SetChannelRule("k", "market", null, null, 0, 0, 30),
            parse("{'command':'channel-rule','key':'k','channel':'market','sharePercent':30}"));
        assertEquals(new io.omnistock.api.SetChannelRule("k", "web", null, "SOHO", 2, 0, 100),
            parse("{'command':'channel-rule','key':'k','channel':'web','location':'SOHO','bufferUnits':2}"));
    }

    @Test
    void shouldDefaultTheOptionalFields() throws Exception
    {
        assertEquals(new DefineLocation("k", "S", LocationType.STORE, LocationCapability.ALL, 0, 0, 0),
            parse("{'command':'define-location','key':'k','location':'S','locationType':'STORE'}"));
        assertEquals(new Adjust("k", "S", "L", -2, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE),
            parse("{'command':'adjust','key':'k','sku':'S','location':'L','quantity':-2,'reason':'shrinkage'}"));
        assertEquals(Fulfil.all("k", "r"), parse("{'command':'fulfil','key':'k','reservation':'r'}"));
        assertEquals(Fulfil.lines("k", "r", 2, 0),
            parse("{'command':'fulfil','key':'k','reservation':'r','quantities':'2;0'}"));
    }

    @Test
    void shouldReadReservationsWithOneLineOrMany() throws Exception
    {
        assertEquals(Reserve.of("k", "r", "web", FulfilmentType.SHIP_FROM_STORE, 900_000, ReserveLine.anywhere("S", 2)),
            parse("{'command':'reserve','key':'k','reservation':'r','channel':'web','fulfilment':'ship-from-store'," +
                "'holdMs':'PT15M','sku':'S','quantity':'2'}"));
        assertEquals(new Reserve("k", "r", "web", FulfilmentType.PICKUP, 60_000,
                List.of(ReserveLine.at("S", "L", 1), ReserveLine.anywhere("T", 3))),
            parse("{'command':'reserve','key':'k','reservation':'r','channel':'web','fulfilment':'pickup'," +
                "'holdMs':60000,'lines':[{'sku':'S','location':'L','quantity':1},{'sku':'T','quantity':3}]}"));
    }

    @Test
    void shouldReadTimesDurationsAndTransfers() throws Exception
    {
        assertEquals(new AdvanceTime("k", 1_795_766_400_000L),
            parse("{'command':'advance-time','key':'k','time':'2026-11-27T08:00:00Z'}"));
        assertEquals(new AdvanceTime("k", 42), parse("{'command':'advance-time','key':'k','time':42}"));
        assertEquals(new TransferOut("k", "t", "S", "A", "B", 4),
            parse("{'command':'transfer-out','key':'k','transfer':'t','sku':'S','location':'A','toLocation':'B'," +
                "'quantity':4}"));
        assertEquals(new Return("k", "web", "S", "L", 1, Disposition.QUARANTINE),
            parse("{'command':'return','key':'k','channel':'web','sku':'S','location':'L','quantity':1," +
                "'disposition':'quarantine'}"));
    }

    @Test
    void shouldSayWhyARowIsNotACommand()
    {
        assertInvalid("command is missing", "{'key':'k'}");
        assertInvalid("key is missing", "{'command':'receive'}");
        assertInvalid("unknown command 'recieve'; the commands are define-sku, define-location, define-channel, " +
            "receive, expect-receipt, adjust, count, safety-stock, sale, transfer-out, transfer-in, return, reserve, " +
            "extend-hold, confirm, release, fulfil, advance-time, price, promotion, channel-rule", "{'command':'recieve','key':'k'}");
        assertInvalid("unknown field 'qty'", "{'command':'receive','key':'k','qty':1}");
        assertInvalid("sharePercent must be a whole number 0..100, not 4294967306",
            "{'command':'channel-rule','key':'k','channel':'c','sharePercent':4294967306}");
        assertInvalid("quantity '2.5' is not a whole number",
            "{'command':'receive','key':'k','sku':'S','location':'L','quantity':2.5}");
        assertInvalid("quantity must be positive, not -1",
            "{'command':'receive','key':'k','sku':'S','location':'L','quantity':-1}");
        assertInvalid("quantity must not be zero (a signed change)",
            "{'command':'adjust','key':'k','sku':'S','location':'L','quantity':0,'reason':'found'}");
        assertInvalid("channel does not apply to receive",
            "{'command':'receive','key':'k','sku':'S','location':'L','quantity':1,'channel':'web'}");
        assertInvalid("disposition is missing; one of [RESTOCK, DAMAGED, QUARANTINE]",
            "{'command':'return','key':'k','channel':'web','sku':'S','location':'L','quantity':1}");
        assertInvalid("bucket 'shelf' is not one of [SELLABLE, DAMAGED, QUARANTINED]",
            "{'command':'adjust','key':'k','sku':'S','location':'L','quantity':1,'bucket':'shelf','reason':'found'}");
        assertInvalid("sku 'two words' is not a valid id (1 to 64 printable ASCII characters)",
            "{'command':'define-sku','key':'k','sku':'two words'}");
        assertInvalid("latitude 91 is outside -90..90 degrees",
            "{'command':'define-location','key':'k','location':'L','locationType':'store','latitude':91}");
        assertInvalid("longitude '1.0000001' is not decimal degrees with at most 6 decimals",
            "{'command':'define-location','key':'k','location':'L','locationType':'store','longitude':'1.0000001'}");
        assertInvalid("holdMs 'PT15' is not an ISO-8601 duration such as PT15M",
            "{'command':'extend-hold','key':'k','reservation':'r','holdMs':'PT15'}");
        assertInvalid("line 1: quantity is missing", "{'command':'reserve','key':'k','reservation':'r'," +
            "'channel':'web','fulfilment':'ship','holdMs':1000,'lines':[{'sku':'S','quantity':1},{'sku':'T'}]}");
        assertInvalid("quantity 70368744177665 is beyond the largest quantity, 70368744177664",
            "{'command':'receive','key':'k','sku':'S','location':'L','quantity':70368744177665}");
    }

    private static Command parse(final String json) throws Exception
    {
        return RowParser.parse((ObjectNode)JSON.readTree(json.replace('\'', '"')));
    }

    private static void assertInvalid(final String reason, final String json)
    {
        final InvalidRowException invalid = assertThrows(InvalidRowException.class, () -> parse(json), json);
        assertEquals(reason, invalid.getMessage());
    }
}
