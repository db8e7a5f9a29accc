-- pg_load_composite — an LDBC data set in the CsvComposite layout (ldbc-sf01:
-- one directory, edge files, epoch-millisecond dates, emails and languages
-- ';'-joined in person_0_0.csv) into pg_schema.sql's tables.  Run through
-- sed 's|@DIR@|DIR|g' into psql (files are read by psql's \copy).
SET search_path = ldbc;
CREATE TEMP TABLE s_place (id bigint, name text, url text, type text);
CREATE TEMP TABLE s_org (id bigint, type text, name text, url text);
CREATE TEMP TABLE s_org_place (org bigint, place bigint);
CREATE TEMP TABLE s_tag (id bigint, name text, url text);
CREATE TEMP TABLE s_person (id bigint, first_name text, last_name text, gender text,
  birthday bigint, creation_date bigint, location_ip text, browser_used text, language text,
  email text);
CREATE TEMP TABLE s_person_place (person bigint, place bigint);
CREATE TEMP TABLE s_knows (a bigint, b bigint, creation_date bigint);
CREATE TEMP TABLE s_post_creator (post bigint, person bigint);
CREATE TEMP TABLE s_comment_creator (comment bigint, person bigint);
CREATE TEMP TABLE s_reply_post (comment bigint, post bigint);
CREATE TEMP TABLE s_reply_comment (comment bigint, parent bigint);
\copy s_place FROM '@DIR@/place_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_org FROM '@DIR@/organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_org_place FROM '@DIR@/organisation_isLocatedIn_place_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_tag FROM '@DIR@/tag_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_person FROM '@DIR@/person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_person_place FROM '@DIR@/person_isLocatedIn_place_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_knows FROM '@DIR@/person_knows_person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy study_at FROM '@DIR@/person_studyAt_organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy work_at FROM '@DIR@/person_workAt_organisation_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_post_creator FROM '@DIR@/post_hasCreator_person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_comment_creator FROM '@DIR@/comment_hasCreator_person_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_reply_post FROM '@DIR@/comment_replyOf_post_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
\copy s_reply_comment FROM '@DIR@/comment_replyOf_comment_0_0.csv' WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')
INSERT INTO place SELECT id, name, type FROM s_place;
INSERT INTO organisation
  SELECT o.id, o.type, o.name, op.place FROM s_org o LEFT JOIN s_org_place op ON op.org = o.id;
INSERT INTO tag SELECT id, name FROM s_tag;
INSERT INTO person
  SELECT p.id, p.first_name, p.last_name, p.gender, p.birthday, p.creation_date, p.location_ip,
         p.browser_used, pp.place
  FROM s_person p LEFT JOIN s_person_place pp ON pp.person = p.id;
INSERT INTO person_email
  SELECT p.id, e.ord - 1, e.email
  FROM s_person p, unnest(string_to_array(p.email, ';')) WITH ORDINALITY AS e(email, ord)
  WHERE e.email <> '';
INSERT INTO person_language
  SELECT p.id, l.ord - 1, l.language
  FROM s_person p, unnest(string_to_array(p.language, ';')) WITH ORDINALITY AS l(language, ord)
  WHERE l.language <> '';
INSERT INTO knows
  SELECT a, b, creation_date FROM s_knows UNION SELECT b, a, creation_date FROM s_knows;
INSERT INTO post SELECT post, person FROM s_post_creator;
INSERT INTO comment
  SELECT c.comment, c.person, rp.post, rc.parent
  FROM s_comment_creator c
  LEFT JOIN s_reply_post rp ON rp.comment = c.comment
  LEFT JOIN s_reply_comment rc ON rc.comment = c.comment;
