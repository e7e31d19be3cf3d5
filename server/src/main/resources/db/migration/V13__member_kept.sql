-- What a connector keeps for a member between jobs (an access key an institution issued after MFA, say): secrets,
-- so stored like member_credential and apart from the member row.
CREATE TABLE member_kept (
    member_guid      VARCHAR(48)  NOT NULL REFERENCES member (guid) ON DELETE CASCADE,
    institution_code VARCHAR(128) NOT NULL,
    name             VARCHAR(128) NOT NULL,
    secret           TEXT         NOT NULL,
    PRIMARY KEY (member_guid, institution_code, name)
);
