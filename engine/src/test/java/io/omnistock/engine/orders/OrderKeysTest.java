package io.omnistock.engine.orders;

import io.omnistock.api.Limits;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key scheme: readable where it can be, hashed where it must be, always valid, never two ids on one key. */
class OrderKeysTest
{
    private final OrderKeys keys = new OrderKeys(OrderKeys.DEFAULT_PREFIX);

    @Test
    void shouldKeepKeysOfPlainIdsReadable()
    {
        assertEquals("o/A-17", keys.reservation("A-17"));
        assertEquals("o/A-17/hold", keys.command("A-17", "hold"));
        assertEquals("o/A-17/ship/SHP-2", keys.command("A-17", "ship", "SHP-2"));
        assertEquals("o/A-17/return/R-1/L-3", keys.command("A-17", "return", "R-1", "L-3"));
        assertEquals("web/A-17/paid", new OrderKeys("web").command("A-17", "paid"));
    }

    @Test
    void shouldHashIdsThatAreTooLongNotAsciiOrContainTheSeparatorIntoValidKeys()
    {
        final List<String> orderIds = List.of("x".repeat(63), "x".repeat(1000), "caf\u00e9", "with space", "a/b", "");
        for (final String orderId : orderIds)
        {
            final String reservation = keys.reservation(orderId);
            final String shipKey = keys.command(orderId, "return", "r".repeat(70), "l".repeat(70));
            assertTrue(Limits.isValidId(reservation), reservation);
            assertTrue(Limits.isValidId(shipKey), shipKey);
            assertTrue(reservation.startsWith("o#"), reservation);
            assertTrue(shipKey.endsWith("/return"), shipKey);
            assertEquals(shipKey, keys.command(orderId, "return", "r".repeat(70), "l".repeat(70)), "deterministic");
        }
        assertTrue(Limits.isValidId(new OrderKeys("12345678").command("x".repeat(99), "cancel")));
    }

    @Test
    void shouldNeverGiveTwoDifferentCommandsTheSameKey()
    {
        final Set<String> seen = new HashSet<>();
        final List<List<String>> commands = List.of(
            List.of("A", "cancel"), List.of("A/ship", "cancel"), List.of("A", "ship", "cancel"),
            List.of("A", "ship", "1/2"), List.of("A/ship/1", "2"), List.of("A", "ship", "1", "2"),
            List.of("A", "return", "1", "2"), List.of("A", "return", "12", ""), List.of("A", "return", "1", "2x"),
            List.of("x".repeat(60), "hold"), List.of("x".repeat(61), "hold"));
        for (final List<String> command : commands)
        {
            final String key = keys.command(command.get(0), command.get(1),
                command.subList(2, command.size()).toArray(new String[0]));
            assertTrue(seen.add(key), () -> "two commands share " + key);
        }
        assertNotEquals(keys.reservation("A"), new OrderKeys("p").reservation("A"));
    }

    @Test
    void shouldRefuseAPrefixThatWouldBreakTheScheme()
    {
        for (final String prefix : new String[]{"", "a/b", "a#", "123456789", "with space"})
        {
            assertThrows(IllegalArgumentException.class, () -> new OrderKeys(prefix), prefix);
        }
    }
}
