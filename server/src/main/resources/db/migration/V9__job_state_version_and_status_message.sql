-- The connector's state version is stored with its state, so a job that waited across an upgrade is never misread.
-- Jobs stored before this column existed were written by version 1 of their connector.
ALTER TABLE job ADD COLUMN connector_state_version INTEGER DEFAULT 1 NOT NULL;

-- The institution's own message for an error status (Step.Failed's message); null shows MX's standard message.
ALTER TABLE member ADD COLUMN connection_status_message VARCHAR(500);
