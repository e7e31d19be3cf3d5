-- What a widget session does with OAuth institutions: whether it runs in a mobile web view (the consent page opens
-- in the same view instead of a pop-up) and where the consent page sends the end user afterwards, as MX's
-- widget_urls options say.
ALTER TABLE widget_session ADD COLUMN is_mobile_webview BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE widget_session ADD COLUMN oauth_referral_source VARCHAR(16) DEFAULT 'BROWSER' NOT NULL;
ALTER TABLE widget_session ADD COLUMN client_redirect_url VARCHAR(2048);
ALTER TABLE widget_session ADD COLUMN ui_message_webview_url_scheme VARCHAR(32) DEFAULT 'mx' NOT NULL;
