-- pg_load_merged — an LDBC data set in the CsvMergeForeign layout (ldbc-tiny:
-- static/ and dynamic/, ISO dates) into pg_schema.sql's tables.  Run through
-- sed 's|@DIR@|DIR|g' into psql; files are read by psql (\copy), so the
-- server needs no access to them.  LDBC quotes nothing: the CSV quote character is set to a
-- byte that never occurs.
SET search_path = ldbc;
CREATE TEMP TABLE s_place (id bigint, name text, url text, type text, part_of bigint);
CREATE TEMP TABLE s_org (id bigint, type text, name text, url text, place bigint);
CREATE TEMP TABLE s_tag (id bigint, name text, url text, type bigint);
CREATE TEMP TABLE s_person (id bigint, first_name text, last_name text, gender text,
  birthday text, creation_date text, location_ip text, browser_used text, place bigint);
CREATE TEMP TABLE s_email (n serial, person bigint, email text);
CREATE TEMP TABLE s_language (n serial, person bigint, language text);
CREATE TEMP TABLE s_knows (a bigint, b bigint, creation_date text);
CREATE TEMP TABLE s_post (id bigint, image text, creation_date text, ip text, browser text,
  language text, content text, length int, creator bigint, forum bigint, place bigint);
CREATE TEMP TABLE s_comment (id bigint, creation_date text, ip text, browser text, content text,
  length int, creator bigint, place bigint, reply_of_post bigint, reply_of_comment bigint);
\copy s_place FROM '@DIR@/static/place_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_org FROM '@DIR@/static/organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_tag FROM '@DIR@/static/tag_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_person FROM '@DIR@/dynamic/person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_email (person, email) FROM '@DIR@/dynamic/person_email_emailaddress_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_language (person, language) FROM '@DIR@/dynamic/person_speaks_language_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_knows FROM '@DIR@/dynamic/person_knows_person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy study_at FROM '@DIR@/dynamic/person_studyAt_organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy work_at FROM '@DIR@/dynamic/person_workAt_organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_post FROM '@DIR@/dynamic/post_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_comment FROM '@DIR@/dynamic/comment_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
INSERT INTO place SELECT id, name, type FROM s_place;
INSERT INTO organisation SELECT id, type, name, place FROM s_org;
INSERT INTO tag SELECT id, name FROM s_tag;
INSERT INTO person
  SELECT id, first_name, last_name, gender,
         (birthday::date - date '1970-01-01')::bigint * 86400000,
         (extract(epoch FROM creation_date::timestamptz) * 1000)::bigint,
         location_ip, browser_used, place
  FROM s_person;
INSERT INTO person_email
  SELECT person, row_number() OVER (PARTITION BY person ORDER BY n) - 1, email FROM s_email;
INSERT INTO person_language
  SELECT person, row_number() OVER (PARTITION BY person ORDER BY n) - 1, language
  FROM s_language;
INSERT INTO knows
  SELECT a, b, (extract(epoch FROM creation_date::timestamptz) * 1000)::bigint FROM s_knows
  UNION
  SELECT b, a, (extract(epoch FROM creation_date::timestamptz) * 1000)::bigint FROM s_knows;
INSERT INTO post SELECT id, creator FROM s_post;
INSERT INTO comment SELECT id, creator, reply_of_post, reply_of_comment FROM s_comment;
