-- Most conversations belong to no customer when their messages arrive, and the listing's row of
-- a busy conversation is rewritten every second or so; an index entry for each unlinked row was
-- paid for on every rewrite and never read. Only linked conversations are looked up by customer
-- (customer_id = ..., which no NULL satisfies), so only they are indexed.

DROP INDEX IF EXISTS conversation_list_customer;

CREATE INDEX IF NOT EXISTS conversation_list_linked_customer
    ON conversation_list (customer_id, last_activity_ticks DESC, id DESC) WHERE customer_id IS NOT NULL;
