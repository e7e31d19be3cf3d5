-- When each member's next background aggregation falls due, on its client's clock. Looking for due members is then a
-- range read of this index instead of a pass over every member each second. Null until the schedule has placed the
-- member (members stored before this column, or while background aggregation was off).
ALTER TABLE member ADD COLUMN background_due_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX member_background_due ON member (background_due_at);
