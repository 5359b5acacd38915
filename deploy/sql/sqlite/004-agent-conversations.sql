-- Which AssistAI agent answers a conversation, so that an agent's conversations can be counted
-- without reading every document. Runs once: the schema version records it.

ALTER TABLE conversation_list ADD COLUMN agent_code TEXT NULL;

CREATE INDEX IF NOT EXISTS conversation_list_agent
    ON conversation_list (agent_code, status) WHERE agent_code IS NOT NULL;
