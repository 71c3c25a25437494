-- Decisions became search entries of their own (with their § number), and agenda items carry
-- theirs: every board is projected again at the next start (projector catchUp projects boards
-- without a projection row). A board's first projection notifies nobody of owners it already had.
DELETE FROM "board_projections";
