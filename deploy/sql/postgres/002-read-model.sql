-- Listings for the API, kept current from grain events (see src/Grains/ReadModel).
-- A row carries the entity's version: an event older than the row is ignored, so stream
-- deliveries that repeat or arrive out of order are harmless.

CREATE TABLE IF NOT EXISTS lead_list (
    id               varchar(64) PRIMARY KEY,
    version          bigint      NOT NULL,
    created_at_ticks bigint      NOT NULL,
    status           varchar(16) NOT NULL,
    source           varchar(100) NOT NULL,
    search_text      text        NOT NULL,
    document         text        NOT NULL
);

CREATE INDEX IF NOT EXISTS lead_list_newest ON lead_list (created_at_ticks DESC, id DESC);
CREATE INDEX IF NOT EXISTS lead_list_status ON lead_list (status, created_at_ticks DESC, id DESC);

CREATE TABLE IF NOT EXISTS customer_list (
    id               varchar(64) PRIMARY KEY,
    version          bigint      NOT NULL,
    created_at_ticks bigint      NOT NULL,
    status           varchar(16) NOT NULL,
    search_text      text        NOT NULL,
    document         text        NOT NULL
);

CREATE INDEX IF NOT EXISTS customer_list_newest ON customer_list (created_at_ticks DESC, id DESC);
CREATE INDEX IF NOT EXISTS customer_list_status ON customer_list (status, created_at_ticks DESC, id DESC);
