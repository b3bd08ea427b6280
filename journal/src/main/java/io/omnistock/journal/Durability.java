package io.omnistock.journal;

/**
 * How durable an outcome is when its caller is told "done". Chosen per engine in {@link JournalConfig}.
 *
 * <table>
 *   <caption>Durability modes</caption>
 *   <tr><th>mode</th><th>when the caller is answered</th><th>survives</th></tr>
 *   <tr><td>{@link #IN_MEMORY}</td><td>as soon as the writer decided its group (the ring batch, at most
 *       64 commands)</td><td>nothing: no journal is written</td></tr>
 *   <tr><td>{@link #ASYNC}</td><td>after the events are written to the memory-mapped journal (the OS page
 *       cache)</td><td>a crash or kill of the process; not a power loss or OS crash</td></tr>
 *   <tr><td>{@link #SYNC}</td><td>after the journal is synced to the device ({@code msync(MS_SYNC)}), once per
 *       ring batch (group commit)</td><td>a crash of the process, the OS or the power, as far as the device
 *       honours syncs</td></tr>
 * </table>
 */
public enum Durability
{
    /** No journal: state lives and dies with the process. */
    IN_MEMORY,
    /** Journaled to the page cache before the caller is answered. */
    ASYNC,
    /** Journaled and synced, one sync per batch, before the caller is answered. */
    SYNC
}
