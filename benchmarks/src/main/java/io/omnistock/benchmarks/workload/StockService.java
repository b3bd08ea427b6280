package io.omnistock.benchmarks.workload;

/**
 * A system that keeps stock and takes reservations: omnistock, or a peer a retailer might pick instead
 * (PostgreSQL, Redis, an in-process locked map). Every implementation runs a {@link Workload} with the semantics
 * documented there, so that their figures compare like for like.
 *
 * <p>{@link #execute} may be called from several threads at once; the runner keeps the operations of one
 * reservation on one thread and in workload order.
 */
public interface StockService extends AutoCloseable
{
    /** @return a short name for reports, including the durability setting, e.g. {@code postgres-sync-commit}. */
    String name();

    /**
     * Builds what running the workload needs besides the state: pre-built requests, keys, scripts. Called before
     * {@link #load}, and kept apart from it so that the runner's memory-per-position figure (heap growth across
     * {@code load}) counts the state only. Not timed. The default does nothing.
     *
     * @param workload the workload about to be loaded and run.
     * @throws Exception when the system fails.
     */
    default void prepare(final Workload workload) throws Exception
    {
    }

    /**
     * Creates the catalog and the opening stock of the workload, replacing any earlier state. Not timed.
     *
     * @param workload the workload about to run.
     * @throws Exception when the system fails.
     */
    void load(Workload workload) throws Exception;

    /**
     * Runs one operation of the loaded workload and waits for its outcome (durable to the degree the service's
     * setting promises).
     *
     * @param op the operation's index.
     * @return true if accepted, false if rejected (not enough stock; unknown or ended reservation).
     * @throws Exception when the system fails.
     */
    boolean execute(int op) throws Exception;

    /**
     * @return how many operations {@link #execute(int[], int, int, boolean[])} sends together in one round trip; 1
     * (the default) when the service answers one operation at a time.
     */
    default int batchSize()
    {
        return 1;
    }

    /**
     * Runs operations of one client in order, sent together where the service can (pipelined), and waits for all
     * their outcomes. The runner only batches operations of one client thread, so a reservation's operations stay
     * in order. The default runs them one by one.
     *
     * @param ops      operation indexes.
     * @param from     the first of {@code ops} to run.
     * @param count    how many, at most {@link #batchSize()}.
     * @param accepted receives each outcome, from index 0.
     * @throws Exception when the system fails.
     */
    default void execute(final int[] ops, final int from, final int count, final boolean[] accepted) throws Exception
    {
        for (int i = 0; i < count; i++)
        {
            accepted[i] = execute(ops[from + i]);
        }
    }

    /**
     * @return bytes the loaded state takes, as the system itself reports it (a server's memory or storage figure),
     * or -1 (the default) for an in-process system, whose heap growth across {@link #load} the runner measures.
     */
    default long stateBytes()
    {
        return -1;
    }

    /**
     * Reads back the on-hand, held and committed quantities of every position after a run, for the runner's
     * cross-check (conservation, no oversell by reservations). Not timed.
     *
     * @return per position {@code [onHand, held, committed]}, indexed by position number.
     * @throws Exception when the system fails.
     */
    long[][] positions() throws Exception;
}
