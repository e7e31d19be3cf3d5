-- The request log's index by member is replaced by the member's guid at the end of the index by client and time.
-- Entries of many members interleave, so each entry went to a page of its own in an index by member; on H2, which
-- writes every changed page again, that was most of what logging a request cost under load. Entries arrive in time
-- order, so the index by client and time changes only its last pages. GET /requests?member_guid= reads that index
-- without visiting the rows; a member's timeline finds its requests by request id.
DROP INDEX IF EXISTS request_log_member_time;
DROP INDEX IF EXISTS request_log_client_time;
CREATE INDEX request_log_client_time_member ON request_log (client_id, requested_at, member_guid);
