-- An embedding application's own read model, beside Precinct's tables.
CREATE TABLE shift_board (
    badge_number text PRIMARY KEY,
    on_duty      boolean NOT NULL
);
