-- The developer console's sign-in sessions. Only a hash of each session's secret is kept (the secret lives in the
-- browser's cookie); in the database so that every node behind a balancer knows every session.
CREATE TABLE console_session (
    secret_hash  VARCHAR(64)  PRIMARY KEY,
    client_id    VARCHAR(128) NOT NULL REFERENCES api_client (client_id) ON DELETE CASCADE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_last_seen ON console_session (last_seen_at);
CREATE INDEX console_session_created ON console_session (created_at);
