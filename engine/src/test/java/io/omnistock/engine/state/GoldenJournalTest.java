package io.omnistock.engine.state;

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
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.EngineConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden journal: a fixed script of commands (every command kind, rejections, a duplicate, an expiry, an
 * oversell) at fixed times must decide exactly the committed event stream, byte for byte (SHA-256), and the
 * committed state hash; replaying the stream must give the same hash. Any change of behaviour or of the format
 * shows up here as a readable diff of {@code golden/journal-v4.txt}. Rewritten as format 3 (version and legacy
 * payload hash), the stream must still be, byte for byte, the one the last format-3 build committed: that pins
 * {@link CommandSlot#legacyPayloadHash()} to what older journals carry.
 *
 * <p>After an intended change, regenerate with {@code -Domnistock.golden.update=true} and review the diff; a
 * format change also needs a new {@link EventCodec#VERSION}.
 */
class GoldenJournalTest
{
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "journal-v4.txt");
    /** The events-sha256 of {@code golden/journal-v3.txt}, committed by the last build that wrote format 3. */
    private static final String FORMAT_THREE_SHA256 = "1553576afd794ddbc37cdafea0400a4966112f2b1fb8096af8dbb632f9d91fa8";

    @Test
    void shouldDecideTheCommittedEventStreamAndStateHash() throws IOException
    {
        final EngineConfig config = EngineConfig.defaults().skuCapacity(16).locationCapacity(8).channelCapacity(4)
            .positionCapacity(64).reservationCapacity(64).transferCapacity(8).idempotencyCapacity(256);
        final StateMachine machine = new StateMachine(config);
        final CommandTranslator translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        final CommandSlot slot = new CommandSlot(config.linesPerReservationMax());
        final EventView view = new EventView(machine.names());
        final ByteArrayOutputStream journal = new ByteArrayOutputStream();
        final ByteArrayOutputStream formatThree = new ByteArrayOutputStream();
        final List<String> lines = new ArrayList<>();
        long timeMs = 1_700_000_000_000L;
        for (final Command command : script())
        {
            timeMs += 1_000;
            assertEquals(ReasonCode.OK, translator.translate(command, timeMs, slot), command::toString);
            machine.apply(slot);
            final byte[] bytes = new byte[slot.eventsLength];
            slot.events.getBytes(0, bytes);
            journal.writeBytes(bytes);
            formatThree.writeBytes(asFormatThree(bytes, slot.payloadHash(), slot.legacyPayloadHash()));
            int offset = 0;
            for (int i = 0; i < slot.eventCount; i++)
            {
                view.wrap(slot.events, offset);
                lines.add(view.toString());
                offset += view.encodedLength();
            }
        }

        final StateMachine replayed = new StateMachine(config);
        final UnsafeBuffer records = new UnsafeBuffer(journal.toByteArray());
        for (int offset = 0; offset < records.capacity(); offset += records.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            replayed.replay(records, offset);
        }
        assertEquals(machine.stateHash(), replayed.stateHash(), "replay of the golden stream");

        // the same stream as the last build before format 4 wrote it (the golden file it committed then)
        assertEquals(FORMAT_THREE_SHA256, sha256(formatThree.toByteArray()), "legacy payload hashes or layout drifted");
        lines.add("events-sha256 " + sha256(journal.toByteArray()));
        lines.add("state-hash " + Long.toHexString(machine.stateHash()));
        final String actual = String.join("\n", lines) + "\n";
        if (Boolean.getBoolean("omnistock.golden.update"))
        {
            Files.writeString(GOLDEN, actual);
        }
        assertEquals(Files.readString(GOLDEN), actual,
            "behaviour or format changed; if intended, regenerate with -Domnistock.golden.update=true and review");
    }

    /**
     * @return the records as journal format 3 encoded them: the same layout, version 3, and the payload hash of
     * builds before format 4 ({@link CommandSlot#legacyPayloadHash()}).
     */
    private static byte[] asFormatThree(final byte[] bytes, final long payloadHash, final long legacyPayloadHash)
    {
        final UnsafeBuffer records = new UnsafeBuffer(bytes.clone());
        for (int offset = 0; offset < bytes.length; offset += records.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            records.putShort(offset + EventCodec.VERSION_OFFSET, (short)3);
            if (records.getLong(offset + EventCodec.PAYLOAD_HASH_OFFSET) == payloadHash)
            {
                records.putLong(offset + EventCodec.PAYLOAD_HASH_OFFSET, legacyPayloadHash);
            }
        }
        return records.byteArray();
    }

    private static List<Command> script()
    {
        return List.of(
            new DefineSku("d-1", "SKU-A"),
            new DefineSku("d-2", "SKU-B"),
            new DefineLocation("d-3", "DC", LocationType.WAREHOUSE, LocationCapability.SHIPS | LocationCapability.RETURNS,
                1, 40_000_000, -74_000_000),
            new DefineLocation("d-4", "STORE", LocationType.STORE, LocationCapability.ALL, 2, 40_700_000, -73_900_000),
            new DefineChannel("d-5", "web", List.of("STORE", "DC")),
            new DefineChannel("d-6", "pos", List.of("STORE")),
            new ExpectReceipt("c-1", "SKU-A", "DC", 50),
            new Receive("c-2", "SKU-A", "DC", 40),
            new Receive("c-3", "SKU-A", "STORE", 10),
            new Receive("c-4", "SKU-B", "STORE", 5),
            new SetSafetyStock("c-5", "SKU-A", "STORE", 2),
            Reserve.of("c-6", "order-1", "web", FulfilmentType.PICKUP, 60_000, ReserveLine.anywhere("SKU-A", 3)),
            new Reserve("c-7", "order-2", "web", FulfilmentType.SHIP, 5_000,
                List.of(ReserveLine.at("SKU-A", "DC", 4), ReserveLine.anywhere("SKU-B", 2))),
            Reserve.of("c-8", "order-3", "web", FulfilmentType.SHIP, 60_000, ReserveLine.at("SKU-B", "STORE", 3)),
            new Confirm("c-9", "order-1"),
            new ExtendHold("c-10", "order-2", 3_000),
            new Receive("c-2", "SKU-A", "DC", 40),
            new Receive("c-2", "SKU-A", "DC", 41),
            new AdvanceTime("c-11", 1_700_000_020_000L),
            new Confirm("c-12", "order-2"),
            Fulfil.lines("c-13", "order-1", 1),
            Fulfil.all("c-14", "order-1"),
            Reserve.of("c-15a", "order-5", "pos", FulfilmentType.IN_STORE, 60_000, ReserveLine.at("SKU-A", "STORE", 2)),
            new PosSale("c-15", "pos", "SKU-A", "STORE", 7),
            new Adjust("c-16", "SKU-B", "STORE", -1, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE),
            new CycleCount("c-17", "SKU-A", "DC", 38),
            new TransferOut("c-18", "t-1", "SKU-A", "DC", "STORE", 6),
            new TransferIn("c-19", "t-1", 4),
            new TransferIn("c-20", "t-1", 2),
            new TransferIn("c-21", "t-1", 1),
            new Return("c-22", "web", "SKU-A", "STORE", 2, Disposition.DAMAGED),
            new Return("c-23", "pos", "SKU-B", "DC", 1, Disposition.QUARANTINE),
            Reserve.of("c-24", "order-4", "web", FulfilmentType.SHIP, 60_000, ReserveLine.anywhere("SKU-A", 1_000)),
            new Release("c-25", "order-3"),
            new Release("c-26", "order-3"),
            new io.omnistock.api.SetPrice("c-27", "SKU-A", null, 1_999),
            new io.omnistock.api.SetPrice("c-28", "SKU-A", "STORE", 1_899),
            new io.omnistock.api.DefinePromotion("c-29", "spring", "SKU-A", "pos", 1_700_000_000_000L,
                1_800_000_000_000L, 10, 0),
            Reserve.of("c-30", "order-6", "web", FulfilmentType.SHIP, 60_000, ReserveLine.anywhere("SKU-A", 1))
                .shipTo(new io.omnistock.api.Destination(40_700_000, -73_900_000)),
            new PosSale("c-31", "pos", "SKU-A", "STORE", 1),
            new io.omnistock.api.SetChannelRule("c-32", "web", null, "STORE", 1, 0, 50));
    }

    private static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
