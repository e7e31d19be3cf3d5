-- Test institutions a client registers through POST /sandbox/institutions: the scenario as sent, visible to that
-- client only. A deleted one keeps its row (deleted = TRUE) so members made at it still render and run; version
-- grows on every change, so each node can tell whether the scenario it has parsed is still current.
CREATE TABLE sandbox_institution (
    code       VARCHAR(64)  PRIMARY KEY,
    client_id  VARCHAR(128) NOT NULL REFERENCES api_client (client_id),
    name       VARCHAR(255) NOT NULL,
    scenario   TEXT         NOT NULL,
    deleted    BOOLEAN      NOT NULL,
    version    BIGINT       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sandbox_institution_client ON sandbox_institution (client_id, name);
