-- pg_finish — indexes, the per-pair reply weights IC14 sums (computed here by
-- PostgreSQL from the comment and post tables: 1.0 per comment by one person
-- replying directly to a post by the other, 0.5 per reply to a comment, both
-- directions, stored for both orders of the pair), and statistics.
SET search_path = ldbc;
CREATE INDEX knows_a ON knows (a, b);
CREATE INDEX person_first_name ON person (first_name);
CREATE INDEX person_email_person ON person_email (person, ord);
CREATE INDEX person_language_person ON person_language (person, ord);
CREATE INDEX study_at_person ON study_at (person);
CREATE INDEX work_at_person ON work_at (person);
CREATE TABLE interaction AS
  WITH r AS (
    SELECT c.creator AS x, p.creator AS y, 1.0 AS w
      FROM comment c JOIN post p ON p.id = c.reply_of_post
    UNION ALL
    SELECT c.creator, p.creator, 0.5
      FROM comment c JOIN comment p ON p.id = c.reply_of_comment
  )
  SELECT a, b, sum(w) AS weight FROM (
    SELECT x AS a, y AS b, w FROM r WHERE x <> y
    UNION ALL
    SELECT y, x, w FROM r WHERE x <> y
  ) both_ways GROUP BY a, b;
ALTER TABLE interaction ADD PRIMARY KEY (a, b);
ANALYZE;
