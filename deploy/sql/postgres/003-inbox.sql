-- The inbox log: every message of every conversation, and every change of a conversation, in one
-- append-only table. Its id is the global order the live feed (/inbox/events) resumes from; a
-- message's sequence is its place within its conversation, 1, 2, 3... without gaps.

CREATE TABLE IF NOT EXISTS inbox_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id varchar(64)  NOT NULL,
    kind            varchar(16)  NOT NULL,
    sequence        bigint       NULL,
    message_id      varchar(64)  NULL,
    external_id     varchar(200) NULL,
    incoming_count  bigint       NULL,
    logged_at timestamptz NOT NULL DEFAULT now(),
    document        text         NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS inbox_log_sequence
    ON inbox_log (conversation_id, sequence) WHERE sequence IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS inbox_log_external
    ON inbox_log (conversation_id, external_id) WHERE external_id IS NOT NULL;

-- Every index here is paid for by every message; these are the ones the hot path and the reads
-- need. The feed and the repair pass walk the primary key.

-- The inbox listing, kept current from stream events. Message fields and conversation fields
-- arrive in separate events, each guarded by its own version, so repeats and reordering are harmless.
CREATE TABLE IF NOT EXISTS conversation_list (
    id                   varchar(64)  PRIMARY KEY,
    platform             varchar(16)  NOT NULL,
    status               varchar(16)  NOT NULL,
    assignee             varchar(200) NULL,
    priority             varchar(16)  NOT NULL,
    customer_id          varchar(64)  NULL,
    meta_version         bigint       NOT NULL,
    last_sequence        bigint       NOT NULL,
    last_activity_ticks  bigint       NOT NULL,
    incoming_count       bigint       NOT NULL,
    read_incoming_count  bigint       NOT NULL,
    preview              text         NULL,
    document             text         NOT NULL
);

CREATE INDEX IF NOT EXISTS conversation_list_activity
    ON conversation_list (last_activity_ticks DESC, id DESC);
CREATE INDEX IF NOT EXISTS conversation_list_status
    ON conversation_list (status, last_activity_ticks DESC, id DESC);
CREATE INDEX IF NOT EXISTS conversation_list_customer
    ON conversation_list (customer_id, last_activity_ticks DESC, id DESC);
