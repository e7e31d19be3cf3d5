-- OAuth members. A member's consent page: one at a time (a new one replaces the last), its one-time token stored
-- only as a SHA-256 hash, with where the browser goes afterwards.
CREATE TABLE oauth_window (
    member_guid                   VARCHAR(48)   PRIMARY KEY REFERENCES member (guid) ON DELETE CASCADE,
    token_hash                    VARCHAR(64)   NOT NULL UNIQUE,
    referral_source               VARCHAR(16)   NOT NULL,
    client_redirect_url           VARCHAR(2048),
    ui_message_webview_url_scheme VARCHAR(32)   NOT NULL,
    enable_app2app                BOOLEAN       NOT NULL,
    skip_aggregation              BOOLEAN       NOT NULL,
    expires_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at                       TIMESTAMP WITH TIME ZONE,
    created_at                    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The access the end user granted at the institution: GRANTED until the institution says it was REVOKED or has
-- EXPIRED; a job of a member without granted access ends DENIED and waits for a new consent.
CREATE TABLE oauth_access (
    member_guid VARCHAR(48) PRIMARY KEY REFERENCES member (guid) ON DELETE CASCADE,
    state       VARCHAR(16) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
