-- The PostgreSQL peer's schema: one row per position, one row per reservation (its lines as arrays, in key order).
-- Every reservation operation is one function call, so one round trip and one transaction per operation.
-- Statements are separated by lines holding only "--;".
DROP TABLE IF EXISTS stock, reservation;
--;
CREATE TABLE stock (
    sku       text   NOT NULL,
    location  text   NOT NULL,
    on_hand   bigint NOT NULL,
    held      bigint NOT NULL DEFAULT 0,
    committed bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (sku, location)
);
--;
CREATE TABLE reservation (
    id         text     PRIMARY KEY,
    state      smallint NOT NULL, -- 1 held, 2 committed, 3 fulfilled or released
    skus       text[]   NOT NULL,
    locations  text[]   NOT NULL,
    quantities bigint[] NOT NULL
);
--;
-- Locks the rows of the given lines in key order: concurrent multi-line operations cannot deadlock.
CREATE OR REPLACE FUNCTION lock_lines(p_skus text[], p_locations text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM stock s JOIN unnest(p_skus, p_locations) AS l(sku, location) USING (sku, location)
        ORDER BY s.sku, s.location FOR UPDATE OF s;
END $$;
--;
-- All lines or none: lock in key order, then the conditional update; a short line rejects the whole reservation.
CREATE OR REPLACE FUNCTION reserve(p_id text, p_skus text[], p_locations text[], p_quantities bigint[])
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    updated integer;
BEGIN
    PERFORM lock_lines(p_skus, p_locations);
    IF EXISTS (SELECT 1 FROM stock s JOIN unnest(p_skus, p_locations, p_quantities) AS l(sku, location, qty)
               USING (sku, location) WHERE s.on_hand - s.held - s.committed < l.qty) THEN
        RETURN false;
    END IF;
    UPDATE stock s SET held = s.held + l.qty
        FROM unnest(p_skus, p_locations, p_quantities) AS l(sku, location, qty)
        WHERE s.sku = l.sku AND s.location = l.location AND s.on_hand - s.held - s.committed >= l.qty;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated <> cardinality(p_skus) THEN
        RAISE EXCEPTION 'reserve %: % of % lines updated under lock', p_id, updated, cardinality(p_skus);
    END IF;
    INSERT INTO reservation VALUES (p_id, 1, p_skus, p_locations, p_quantities);
    RETURN true;
END $$;
--;
-- Moves a reservation from one state to the next, changing each line's position by the given multiples of its
-- quantity; fulfilment also needs the units on hand.
CREATE OR REPLACE FUNCTION transition(p_id text, p_from smallint[], p_to smallint, p_on_hand bigint,
    p_held_if_held bigint, p_committed bigint, p_committed_if_committed bigint)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    r reservation;
BEGIN
    SELECT * INTO r FROM reservation WHERE id = p_id AND state = ANY (p_from) FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM lock_lines(r.skus, r.locations);
    IF p_on_hand < 0 AND EXISTS (SELECT 1 FROM stock s
            JOIN unnest(r.skus, r.locations, r.quantities) AS l(sku, location, qty) USING (sku, location)
            WHERE s.on_hand < l.qty) THEN
        RETURN false;
    END IF;
    UPDATE stock s SET
        on_hand = s.on_hand + p_on_hand * l.qty,
        held = s.held + CASE WHEN r.state = 1 THEN p_held_if_held * l.qty ELSE 0 END,
        committed = s.committed + p_committed * l.qty
            + CASE WHEN r.state = 2 THEN p_committed_if_committed * l.qty ELSE 0 END
        FROM unnest(r.skus, r.locations, r.quantities) AS l(sku, location, qty)
        WHERE s.sku = l.sku AND s.location = l.location;
    UPDATE reservation SET state = p_to WHERE id = p_id;
    RETURN true;
END $$;
