-- Connect-widget sessions. The one-time URL token and the session secret handed to the page are stored hashed.
CREATE TABLE widget_session (
    token_hash         VARCHAR(64)  PRIMARY KEY,
    session_hash       VARCHAR(64)  UNIQUE,
    client_id          VARCHAR(128) NOT NULL,
    user_guid          VARCHAR(48)  NOT NULL REFERENCES app_user (guid) ON DELETE CASCADE,
    widget_type        VARCHAR(64)  NOT NULL,
    mode               VARCHAR(32),
    color_scheme       VARCHAR(16),
    institution_code   VARCHAR(128),
    member_guid        VARCHAR(48),
    url_expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at          TIMESTAMP WITH TIME ZONE,
    session_expires_at TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
