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
     * Reads back the on-hand, held and committed quantities of every position after a run, for the runner's
     * cross-check (conservation, no oversell by reservations). Not timed.
     *
     * @return per position {@code [onHand, held, committed]}, indexed by position number.
     * @throws Exception when the system fails.
     */
    long[][] positions() throws Exception;
}
