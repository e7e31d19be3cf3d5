-- Each member row carries its user's client and the user's own id, so reading a member (every status poll does) is a
-- lookup in one table instead of two. A user's client never changes; a user's id can, and the user's update writes
-- it to the user's members in the same transaction. A new member copies both from its user's row, locked first.
ALTER TABLE member ADD COLUMN client_id VARCHAR(128);
ALTER TABLE member ADD COLUMN user_id VARCHAR(255);
UPDATE member SET client_id = (SELECT u.client_id FROM app_user u WHERE u.guid = member.user_guid),
    user_id = (SELECT u.id FROM app_user u WHERE u.guid = member.user_guid);
ALTER TABLE member ALTER COLUMN client_id SET NOT NULL;
