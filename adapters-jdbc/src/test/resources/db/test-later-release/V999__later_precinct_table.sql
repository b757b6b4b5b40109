-- A migration that a later Precinct release brings, numbered below an application's V1000 already applied.
CREATE TABLE later_precinct_table (
    id int PRIMARY KEY
);
