package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Redis as the stock system, on loopback, through Jedis. A position is a hash {@code p:<sku>@<location>} with
 * {@code on_hand, held, committed}; a reservation a list {@code r:<id>} (state, then its lines). Every operation is
 * one {@code EVALSHA} of a Lua script ({@code redis-scripts.lua}) that checks and changes atomically: the
 * multi-line reserve checks every line and takes all or none.
 *
 * <p>Durability: the server must run with {@code appendonly yes} (checked at load); {@code appendfsync} is set
 * here to {@code always} (the AOF is fsynced before a reply is sent) or {@code everysec} (written before the reply,
 * fsynced once a second). Pipelined: with {@code batchSize > 1} a client sends that many operations in one round
 * trip and reads all the replies. Thread-safe: each client thread has its own connection. Allocation per
 * operation: the client library's.
 */
public final class RedisService implements StockService
{
    private static final String SCRIPTS = "redis-scripts.lua";
    private static final int RESERVE = 0;
    private static final int CONFIRM = 1;
    private static final int FULFIL = 2;
    private static final int RELEASE = 3;
    private static final int SELL = 4;
    private static final int ADD = 5;
    private static final int LOAD_BATCH = 10_000;
    private static final int TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final boolean fsyncAlways;
    private final int batchSize;
    private final Queue<Jedis> connections = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Jedis> connection;
    private JedisPool pool;
    private WorkloadKeys keys;
    private String[] shas;
    private byte[] opScript;
    private List<List<String>> opKeys;
    private List<List<String>> opArgs;
    private long memoryBytes = -1;

    /**
     * @param host        the server's loopback address.
     * @param port        its port.
     * @param fsyncAlways {@code appendfsync always} when true, {@code everysec} when false.
     * @param batchSize   operations per round trip; 1 for one at a time.
     */
    public RedisService(final String host, final int port, final boolean fsyncAlways, final int batchSize)
    {
        if (batchSize < 1)
        {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.host = host;
        this.port = port;
        this.fsyncAlways = fsyncAlways;
        this.batchSize = batchSize;
        this.connection = ThreadLocal.withInitial(this::borrow);
    }

    /**
     * @param host the server's address.
     * @param port its port.
     * @return null when the server answers PING, else why not.
     */
    public static String unreachable(final String host, final int port)
    {
        try (Jedis jedis = new Jedis(host, port, 2_000))
        {
            jedis.ping();
            return null;
        }
        catch (final RuntimeException e)
        {
            return e.getMessage();
        }
    }

    /**
     * @param host the server's address.
     * @param port its port.
     * @return the server's version, for the report; null when it cannot be asked.
     */
    public static String describe(final String host, final int port)
    {
        try (Jedis jedis = new Jedis(host, port, 2_000))
        {
            for (final String line : jedis.info("server").split("\r?\n"))
            {
                if (line.startsWith("redis_version:"))
                {
                    return "Redis " + line.substring("redis_version:".length()).trim();
                }
            }
            return "Redis (version not reported)";
        }
        catch (final RuntimeException e)
        {
            return null;
        }
    }

    @Override
    public String name()
    {
        return "redis-aof-" + (fsyncAlways ? "always" : "everysec") + (batchSize > 1 ? "-pipelined" : "");
    }

    @Override
    public int batchSize()
    {
        return batchSize;
    }

    @Override
    public void prepare(final Workload workload)
    {
        keys = new WorkloadKeys(workload);
        opScript = new byte[workload.opCount];
        opKeys = new ArrayList<>(workload.opCount);
        opArgs = new ArrayList<>(workload.opCount);
        for (int op = 0; op < workload.opCount; op++)
        {
            prepare(op);
        }
    }

    private void prepare(final int op)
    {
        final Workload workload = keys.workload;
        final List<String> scriptKeys = new ArrayList<>();
        final List<String> args = new ArrayList<>();
        final byte type = workload.opType[op];
        if (workload.opReservation[op] >= 0)
        {
            scriptKeys.add("r:" + keys.reservationKey(op));
        }
        if (type == Workload.RESERVE || workload.opReservation[op] < 0)
        {
            for (int k = 0; k < workload.opLineCount[op]; k++)
            {
                scriptKeys.add(positionKey(keys.position(op, k)));
                args.add(Long.toString(keys.quantity(op, k)));
            }
        }
        opScript[op] = (byte)script(type);
        opKeys.add(List.copyOf(scriptKeys));
        opArgs.add(List.copyOf(args));
    }

    private static int script(final byte type)
    {
        switch (type)
        {
            case Workload.RESERVE: return RESERVE;
            case Workload.CONFIRM: return CONFIRM;
            case Workload.FULFIL: return FULFIL;
            case Workload.RELEASE: return RELEASE;
            case Workload.SELL: return SELL;
            default: return ADD;
        }
    }

    private String positionKey(final int position)
    {
        return "p:" + keys.positionKeys[position];
    }

    @Override
    public void load(final Workload workload) throws IOException
    {
        if (keys == null || keys.workload != workload)
        {
            prepare(workload);
        }
        if (pool == null)
        {
            final JedisPoolConfig config = new JedisPoolConfig();
            config.setMaxTotal(1024);
            pool = new JedisPool(config, host, port, TIMEOUT_MS);
        }
        final Jedis jedis = connection.get();
        if (!"yes".equals(jedis.configGet("appendonly").get("appendonly")))
        {
            throw new IllegalStateException("Redis at " + host + ":" + port +
                " must run with appendonly yes for a durability comparison (benchmarks/scripts/peers.sh starts it so)");
        }
        jedis.flushAll();
        final long before = usedMemory(jedis);
        loadPositions(jedis);
        memoryBytes = usedMemory(jedis) - before;
        jedis.configSet("appendfsync", fsyncAlways ? "always" : "everysec");
        shas = loadScripts(jedis);
    }

    private void loadPositions(final Jedis jedis)
    {
        final Workload workload = keys.workload;
        Pipeline pipeline = jedis.pipelined();
        for (int position = 0; position < workload.positionCount; position++)
        {
            pipeline.hset(positionKey(position), Map.of("on_hand", Long.toString(workload.openingStock[position]),
                "held", "0", "committed", "0"));
            if ((position + 1) % LOAD_BATCH == 0)
            {
                pipeline.sync();
                pipeline = jedis.pipelined();
            }
        }
        pipeline.sync();
    }

    private static long usedMemory(final Jedis jedis)
    {
        for (final String line : jedis.info("memory").split("\r?\n"))
        {
            if (line.startsWith("used_memory:"))
            {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory");
    }

    /** @return bytes of server memory the positions took (INFO used_memory after minus before load), or -1. */
    @Override
    public long stateBytes()
    {
        return memoryBytes;
    }

    private static String[] loadScripts(final Jedis jedis) throws IOException
    {
        try (InputStream in = RedisService.class.getResourceAsStream(SCRIPTS))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + SCRIPTS);
            }
            final String[] scripts = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n--;\n");
            final String[] shas = new String[scripts.length];
            for (int i = 0; i < scripts.length; i++)
            {
                shas[i] = jedis.scriptLoad(scripts[i]);
            }
            return shas;
        }
    }

    @Override
    public boolean execute(final int op)
    {
        final Object reply = connection.get().evalsha(shas[opScript[op]], opKeys.get(op), opArgs.get(op));
        return Long.valueOf(1).equals(reply);
    }

    @Override
    public void execute(final int[] ops, final int from, final int count, final boolean[] accepted)
    {
        final Pipeline pipeline = connection.get().pipelined();
        final List<Response<Object>> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int op = ops[from + i];
            replies.add(pipeline.evalsha(shas[opScript[op]], opKeys.get(op), opArgs.get(op)));
        }
        pipeline.sync();
        for (int i = 0; i < count; i++)
        {
            accepted[i] = Long.valueOf(1).equals(replies.get(i).get());
        }
    }

    @Override
    public long[][] positions()
    {
        final Jedis jedis = connection.get();
        final long[][] state = new long[keys.workload.positionCount][];
        final Pipeline pipeline = jedis.pipelined();
        final List<Response<List<String>>> rows = new ArrayList<>(state.length);
        for (int position = 0; position < state.length; position++)
        {
            rows.add(pipeline.hmget(positionKey(position), "on_hand", "held", "committed"));
        }
        pipeline.sync();
        for (int position = 0; position < state.length; position++)
        {
            final List<String> row = rows.get(position).get();
            state[position] = new long[] {
                Long.parseLong(row.get(0)), Long.parseLong(row.get(1)), Long.parseLong(row.get(2))};
        }
        return state;
    }

    @Override
    public void close()
    {
        Jedis jedis;
        while ((jedis = connections.poll()) != null)
        {
            jedis.close();
        }
        connection.remove();
        if (pool != null)
        {
            pool.close();
            pool = null;
        }
    }

    private Jedis borrow()
    {
        final Jedis jedis = pool.getResource();
        connections.add(jedis);
        return jedis;
    }
}
