-- Background aggregation's claims: one row per member and period (or per run asked for through the sandbox, keyed
-- by its time), written in the transaction that starts the job, so however many nodes look, each member gets one
-- background job per period. job_guid is null when the member was busy and no job started; the AGGREGATION
-- webhook of a job found here says is_background.
CREATE TABLE background_aggregation (
    member_guid  VARCHAR(48) NOT NULL REFERENCES member (guid) ON DELETE CASCADE,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    job_guid     VARCHAR(48),
    PRIMARY KEY (member_guid, period_start)
);
CREATE INDEX background_aggregation_job ON background_aggregation (job_guid);
