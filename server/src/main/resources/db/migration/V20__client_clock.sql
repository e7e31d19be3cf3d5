-- Test clocks (README, "Sandbox controls"): how far a client's clock runs ahead of the server's. No row is the
-- server's clock. Stored times a sweep compares with the server's clock (webhook retries, delayed job steps) stay
-- on the server's clock; advancing a client's clock pulls that client's ones back by the same amount.
CREATE TABLE client_clock (
    client_id VARCHAR(128) PRIMARY KEY REFERENCES api_client (client_id) ON DELETE CASCADE,
    offset_ms BIGINT       NOT NULL,
    version   BIGINT       NOT NULL
);
