-- pg_schema — the LDBC tables of the PostgreSQL reference that ties' answers
-- are compared with (tests/ldbc/compare.sh) and measured against
-- (scripts/bench-ldbc.sh).  Filled straight from the LDBC CSV files by
-- pg_load_merged.sql or pg_load_composite.sql, independently of ties.
-- Dates are epoch milliseconds; knows holds both directions.
DROP SCHEMA IF EXISTS ldbc CASCADE;
CREATE SCHEMA ldbc;
SET search_path = ldbc;
CREATE TABLE place (id bigint PRIMARY KEY, name text NOT NULL, type text NOT NULL);
CREATE TABLE organisation (id bigint PRIMARY KEY, type text NOT NULL, name text NOT NULL,
                           place bigint);
CREATE TABLE tag (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE person (id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
                     gender text NOT NULL, birthday bigint NOT NULL, creation_date bigint NOT NULL,
                     location_ip text NOT NULL, browser_used text NOT NULL, city bigint);
CREATE TABLE person_email (person bigint NOT NULL, ord int NOT NULL, email text NOT NULL);
CREATE TABLE person_language (person bigint NOT NULL, ord int NOT NULL, language text NOT NULL);
CREATE TABLE knows (a bigint NOT NULL, b bigint NOT NULL, creation_date bigint NOT NULL);
CREATE TABLE study_at (person bigint NOT NULL, org bigint NOT NULL, class_year int NOT NULL);
CREATE TABLE work_at (person bigint NOT NULL, org bigint NOT NULL, work_from int NOT NULL);
CREATE TABLE post (id bigint PRIMARY KEY, creator bigint NOT NULL);
CREATE TABLE comment (id bigint PRIMARY KEY, creator bigint NOT NULL, reply_of_post bigint,
                      reply_of_comment bigint);
