-- One row per aggregation-type job. Everything a later step needs (the connector's state, open challenges,
-- answers waiting for the connector) lives here, so any node can run the next step.
CREATE TABLE job (
    guid            VARCHAR(48) PRIMARY KEY,
    member_guid     VARCHAR(48) NOT NULL REFERENCES member (guid) ON DELETE CASCADE,
    kind            VARCHAR(32) NOT NULL,
    phase           VARCHAR(16) NOT NULL,
    step            INTEGER     NOT NULL,
    connector_state TEXT,
    challenges      TEXT,
    answers         TEXT,
    expires_at      TIMESTAMP WITH TIME ZONE,
    outcome         VARCHAR(20),
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX job_member ON job (member_guid);
CREATE INDEX job_phase_expiry ON job (phase, expires_at);

-- db-scheduler's table (its documented PostgreSQL layout, with VARCHAR keys so H2 can index them).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(200) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);
