-- Each job keeps how many jobs its member ran before it, of any kind and of its own kind: counted once, when the job
-- is created, where each step of the job used to count them again over the member's whole history. A member runs one
-- job at a time, so a job still under way was preceded by every other job of its member; those are counted here.
-- Jobs that ended before this migration run no more steps and keep no count.
ALTER TABLE job ADD COLUMN earlier_jobs INTEGER;
ALTER TABLE job ADD COLUMN earlier_jobs_of_kind INTEGER;
UPDATE job SET
    earlier_jobs = (SELECT COUNT(*) FROM job o WHERE o.member_guid = job.member_guid AND o.guid <> job.guid),
    earlier_jobs_of_kind = (SELECT COUNT(*) FROM job o
        WHERE o.member_guid = job.member_guid AND o.guid <> job.guid AND o.kind = job.kind)
WHERE phase <> 'FINISHED';
