-- Pruning old deliveries looks up the events they point to.
CREATE INDEX webhook_delivery_event ON webhook_delivery (event_id);
