package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.Workload;

/**
 * A workload small enough to check by hand, touching every operation type and every rejection the semantics
 * allow. Its expected outcomes and final positions are worked out in the comments.
 */
final class TinyWorkload
{
    /** Expected outcome of each operation. */
    static final boolean[] ACCEPTED = {
        true, false, true, true, false, true, true, false, true, true, true, false, true, false, false};
    /** Expected final {@code [onHand, held, committed]} of each position. */
    static final long[][] FINAL = {{8, 0, 0}, {1, 0, 0}, {1, 1, 0}};

    private static final int WEB = 0;
    private static final int POS = 1;

    private TinyWorkload()
    {
    }

    static Workload build()
    {
        final Workload.Builder b = new Workload.Builder("tiny", "hand-checked", new String[] {"a", "b"},
            new String[] {"s1", "s2"}, new String[] {"web", "pos"});
        final int p0 = b.position(0, 0, 5); // a@s1
        final int p1 = b.position(1, 0, 2); // b@s1
        final int p2 = b.position(0, 1, 0); // a@s2
        // 0 r0 takes b@s1 x1 and a@s1 x3 (lines not in key order): accepted. p0 held 3, p1 held 1.
        b.op(Workload.RESERVE, 0, WEB, Workload.SHIP).line(p1, 1).line(p0, 3);
        // 1 r1 wants a@s1 x2 and b@s1 x2, b has 1 available: rejected whole, a@s1 untouched.
        b.op(Workload.RESERVE, 1, WEB, Workload.PICKUP).line(p0, 2).line(p1, 2);
        // 2 r2 takes the last 2 of a@s1: accepted. p0 held 5.
        b.op(Workload.RESERVE, 2, WEB, Workload.SHIP).line(p0, 2);
        // 3 confirm r0: accepted. p0 held 2 committed 3; p1 held 0 committed 1.
        b.op(Workload.CONFIRM, 0, WEB, Workload.SHIP);
        // 4 confirm r1, whose reserve was rejected: rejected.
        b.op(Workload.CONFIRM, 1, WEB, Workload.SHIP);
        // 5 release r2: accepted. p0 held 0.
        b.op(Workload.RELEASE, 2, WEB, Workload.SHIP);
        // 6 till sale of 4 at a@s1, on hand 5 of which 3 committed: accepted (a physical oversell). p0 on hand 1.
        b.op(Workload.SELL, -1, POS, Workload.IN_STORE).line(p0, 4);
        // 7 fulfil r0: a@s1 has 1 on hand for a line of 3: rejected, nothing ships.
        b.op(Workload.FULFIL, 0, WEB, Workload.SHIP);
        // 8 receipt of 10 at a@s1: accepted. p0 on hand 11.
        b.op(Workload.RECEIVE, -1, WEB, Workload.SHIP).line(p0, 10);
        // 9 fulfil r0: accepted. p0 on hand 8 committed 0; p1 on hand 1 committed 0.
        b.op(Workload.FULFIL, 0, WEB, Workload.SHIP);
        // 10 return of 1 at a@s2: accepted. p2 on hand 1.
        b.op(Workload.RETURN, -1, WEB, Workload.SHIP).line(p2, 1);
        // 11 till sale of 2 at b@s1, on hand 1: rejected (never below zero).
        b.op(Workload.SELL, -1, POS, Workload.IN_STORE).line(p1, 2);
        // 12 r3 takes the returned unit at a@s2: accepted. p2 held 1.
        b.op(Workload.RESERVE, 3, WEB, Workload.SHIP).line(p2, 1);
        // 13 release r0, already fulfilled: rejected.
        b.op(Workload.RELEASE, 0, WEB, Workload.SHIP);
        // 14 fulfil r3, held but not confirmed: rejected.
        b.op(Workload.FULFIL, 3, WEB, Workload.SHIP);
        return b.build();
    }
}
