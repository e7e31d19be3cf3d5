-- The fingerprint of the migrations a node last brought the schema up to (Migrations): a node whose jar holds the
-- same ones starts without running Flyway, which reads and validates every migration.
CREATE TABLE schema_fingerprint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint VARCHAR(64) NOT NULL
);
INSERT INTO schema_fingerprint (id, fingerprint) VALUES (1, '');
