-- Which AssistAI agent answers a conversation, so that an agent's conversations can be counted
-- without reading every document.

ALTER TABLE conversation_list ADD COLUMN IF NOT EXISTS agent_code varchar(100) NULL;

CREATE INDEX IF NOT EXISTS conversation_list_agent
    ON conversation_list (agent_code, status) WHERE agent_code IS NOT NULL;
