package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * PostgreSQL as the stock system, over JDBC on loopback. Table {@code stock} has one row per position (primary key
 * {@code (sku, location)}), table {@code reservation} one row per reservation with its lines as arrays
 * ({@code postgres-schema.sql}). Each operation is one statement in its own transaction (auto-commit), so one round
 * trip: a reserve calls {@code reserve(...)}, which locks the lines' rows in key order ({@code SELECT ... ORDER BY
 * sku, location FOR UPDATE}) and then takes them with the conditional update
 * ({@code ... WHERE on_hand - held - committed >= qty}), all or none; confirm, fulfil and release call
 * {@code transition(...)}; a till sale is {@code UPDATE ... WHERE on_hand >= qty}; receipts and returns a plain
 * increment.
 *
 * <p>Durability: {@code synchronous_commit} on (a commit returns once its WAL is flushed to disk) or off (returns
 * before; a crash can lose the last few hundred milliseconds). Thread-safe: each client thread has its own
 * connection and prepared statements. Allocation per operation: the driver's.
 */
public final class PostgresService implements StockService
{
    private static final String SCHEMA = "postgres-schema.sql";
    private static final int COPY_ROWS_PER_WRITE = 10_000;
    private static final Short[] FROM_HELD = {1};
    private static final Short[] FROM_COMMITTED = {2};
    private static final Short[] FROM_OPEN = {1, 2};

    private final String url;
    private final Properties properties;
    private final boolean synchronousCommit;
    private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Session> session;
    private WorkloadKeys keys;
    private long storageBytes = -1;

    /**
     * @param url               JDBC URL of the database, e.g. {@code jdbc:postgresql://127.0.0.1:55432/omnistock}.
     * @param user              user.
     * @param password          password.
     * @param synchronousCommit the session's {@code synchronous_commit}.
     */
    public PostgresService(final String url, final String user, final String password, final boolean synchronousCommit)
    {
        this.url = url;
        this.properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("prepareThreshold", "1");
        properties.setProperty("connectTimeout", "3");
        this.synchronousCommit = synchronousCommit;
        this.session = ThreadLocal.withInitial(this::openSession);
    }

    /**
     * @param url      JDBC URL.
     * @param user     user.
     * @param password password.
     * @return null when a connection can be made, else why not.
     */
    public static String unreachable(final String url, final String user, final String password)
    {
        final Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        try (Connection ignored = DriverManager.getConnection(url, properties))
        {
            return null;
        }
        catch (final SQLException e)
        {
            return e.getMessage();
        }
    }

    /**
     * @param url      JDBC URL.
     * @param user     user.
     * @param password password.
     * @return the server's version and the settings the comparison depends on, for the report; null when it cannot
     *         be asked.
     */
    public static String describe(final String url, final String user, final String password)
    {
        final Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        try (Connection connection = DriverManager.getConnection(url, properties);
            Statement statement = connection.createStatement())
        {
            final StringBuilder description = new StringBuilder("PostgreSQL ");
            description.append(show(statement, "server_version")).append(" [");
            for (final String setting : new String[] {"shared_buffers", "max_connections", "fsync"})
            {
                description.append(setting).append(' ').append(show(statement, setting)).append(", ");
            }
            description.setLength(description.length() - 2);
            return description.append(']').toString();
        }
        catch (final SQLException e)
        {
            return null;
        }
    }

    private static String show(final Statement statement, final String setting) throws SQLException
    {
        try (ResultSet result = statement.executeQuery("SHOW " + setting))
        {
            return result.next() ? result.getString(1) : "?";
        }
    }

    @Override
    public String name()
    {
        return synchronousCommit ? "postgres-sync-commit" : "postgres-async-commit";
    }

    @Override
    public void prepare(final Workload workload)
    {
        keys = new WorkloadKeys(workload);
    }

    @Override
    public void load(final Workload workload) throws SQLException, IOException
    {
        if (keys == null || keys.workload != workload)
        {
            prepare(workload);
        }
        final Connection connection = session.get().connection;
        try (Statement statement = connection.createStatement())
        {
            for (final String sql : schema())
            {
                statement.execute(sql);
            }
        }
        copyStock(connection);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("VACUUM ANALYZE stock");
            try (ResultSet size = statement.executeQuery("SELECT pg_total_relation_size('stock')"))
            {
                size.next();
                storageBytes = size.getLong(1);
            }
        }
    }

    /** @return bytes of the stock table and its index after load (heap files, on disk), or -1 before load. */
    @Override
    public long stateBytes()
    {
        return storageBytes;
    }

    private static String[] schema() throws IOException
    {
        try (InputStream in = PostgresService.class.getResourceAsStream(SCHEMA))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + SCHEMA);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n--;\n");
        }
    }

    private void copyStock(final Connection connection) throws SQLException
    {
        final CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY stock (sku, location, on_hand) FROM STDIN");
        final Workload workload = keys.workload;
        final StringBuilder rows = new StringBuilder();
        for (int position = 0; position < workload.positionCount; position++)
        {
            rows.append(workload.skus[workload.positionSku[position]]).append('\t')
                .append(workload.locations[workload.positionLocation[position]]).append('\t')
                .append(workload.openingStock[position]).append('\n');
            if ((position + 1) % COPY_ROWS_PER_WRITE == 0 || position + 1 == workload.positionCount)
            {
                final byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                rows.setLength(0);
            }
        }
        copy.endCopy();
    }

    @Override
    public boolean execute(final int op) throws SQLException
    {
        final Session s = session.get();
        final Workload workload = keys.workload;
        switch (workload.opType[op])
        {
            case Workload.RESERVE:
                return reserve(s, op);
            case Workload.CONFIRM:
                return transition(s, op, FROM_HELD, 2, 0, -1, 1, 0);
            case Workload.FULFIL:
                return transition(s, op, FROM_COMMITTED, 3, -1, 0, -1, 0);
            case Workload.RELEASE:
                return transition(s, op, FROM_OPEN, 3, 0, -1, 0, -1);
            case Workload.SELL:
                return movement(s.sell, op);
            default:
                return movement(s.add, op);
        }
    }

    private boolean reserve(final Session s, final int op) throws SQLException
    {
        final int count = keys.workload.opLineCount[op];
        final String[] skus = new String[count];
        final String[] locations = new String[count];
        final Long[] quantities = new Long[count];
        for (int k = 0; k < count; k++)
        {
            final int position = keys.position(op, k);
            skus[k] = keys.workload.skus[keys.workload.positionSku[position]];
            locations[k] = keys.workload.locations[keys.workload.positionLocation[position]];
            quantities[k] = keys.quantity(op, k);
        }
        s.reserve.setString(1, keys.reservationKey(op));
        s.reserve.setArray(2, s.connection.createArrayOf("text", skus));
        s.reserve.setArray(3, s.connection.createArrayOf("text", locations));
        s.reserve.setArray(4, s.connection.createArrayOf("bigint", quantities));
        return callBoolean(s.reserve);
    }

    private boolean transition(
        final Session s,
        final int op,
        final Short[] from,
        final int to,
        final long onHand,
        final long heldIfHeld,
        final long committed,
        final long committedIfCommitted) throws SQLException
    {
        s.transition.setString(1, keys.reservationKey(op));
        s.transition.setArray(2, s.connection.createArrayOf("smallint", from));
        s.transition.setShort(3, (short)to);
        s.transition.setLong(4, onHand);
        s.transition.setLong(5, heldIfHeld);
        s.transition.setLong(6, committed);
        s.transition.setLong(7, committedIfCommitted);
        return callBoolean(s.transition);
    }

    private static boolean callBoolean(final PreparedStatement call) throws SQLException
    {
        try (ResultSet result = call.executeQuery())
        {
            result.next();
            return result.getBoolean(1);
        }
    }

    private boolean movement(final PreparedStatement update, final int op) throws SQLException
    {
        final int position = keys.position(op, 0);
        update.setLong(1, keys.quantity(op, 0));
        update.setString(2, keys.workload.skus[keys.workload.positionSku[position]]);
        update.setString(3, keys.workload.locations[keys.workload.positionLocation[position]]);
        return update.executeUpdate() == 1;
    }

    @Override
    public long[][] positions() throws SQLException
    {
        final Map<String, Integer> byKey = keys.positionsByKey();
        final long[][] state = new long[keys.workload.positionCount][3];
        try (Statement statement = session.get().connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sku, location, on_hand, held, committed FROM stock"))
        {
            while (rows.next())
            {
                final Integer position = byKey.get(rows.getString(1) + "@" + rows.getString(2));
                state[position] = new long[] {rows.getLong(3), rows.getLong(4), rows.getLong(5)};
            }
        }
        return state;
    }

    @Override
    public void close() throws SQLException
    {
        Session s;
        while ((s = sessions.poll()) != null)
        {
            s.connection.close();
        }
        session.remove();
    }

    private Session openSession()
    {
        try
        {
            final Session s = new Session(DriverManager.getConnection(url, properties), synchronousCommit);
            sessions.add(s);
            return s;
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    /** One client thread's connection and statements. */
    private static final class Session
    {
        final Connection connection;
        final PreparedStatement reserve;
        final PreparedStatement transition;
        final PreparedStatement sell;
        final PreparedStatement add;

        Session(final Connection connection, final boolean synchronousCommit) throws SQLException
        {
            this.connection = connection;
            try (Statement statement = connection.createStatement())
            {
                statement.execute("SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
            }
            reserve = connection.prepareStatement("SELECT reserve(?, ?, ?, ?)");
            transition = connection.prepareStatement("SELECT transition(?, ?, ?, ?, ?, ?, ?)");
            sell = connection.prepareStatement(
                "UPDATE stock SET on_hand = on_hand - q.qty FROM (SELECT ?::bigint AS qty) q " +
                "WHERE sku = ? AND location = ? AND on_hand >= q.qty");
            add = connection.prepareStatement("UPDATE stock SET on_hand = on_hand + ? WHERE sku = ? AND location = ?");
        }
    }
}
