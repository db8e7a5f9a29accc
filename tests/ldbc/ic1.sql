-- IC1 on PostgreSQL ($1 personId, $2 firstName): persons other than $1 named
-- $2 within 3 knows hops, by distance, last name (byte order), id; at most 20.
-- A level-synchronous BFS (as in ic13.sql): a person's level is its distance.
WITH RECURSIVE bfs(d, frontier, seen) AS (
    SELECT 0, ARRAY[$1::bigint], ARRAY[$1::bigint]
  UNION ALL
    SELECT b.d + 1, n.ids, b.seen || n.ids
    FROM bfs b, LATERAL (
      SELECT array_agg(DISTINCT k.b) AS ids
      FROM ldbc.knows k
      WHERE k.a = ANY (b.frontier)
        AND NOT EXISTS (SELECT 1 FROM unnest(b.seen) s(id) WHERE s.id = k.b)
    ) n
    WHERE n.ids IS NOT NULL AND b.d < 3
), friend AS (
  SELECT p.*, b.d
  FROM bfs b, unnest(b.frontier) u(id), ldbc.person p
  WHERE b.d > 0 AND p.id = u.id AND p.first_name = $2
  ORDER BY b.d, p.last_name COLLATE "C", p.id
  LIMIT 20
)
SELECT coalesce(json_agg(json_build_object(
    'friendId', f.id,
    'friendLastName', f.last_name,
    'distanceFromPerson', f.d,
    'friendBirthday', f.birthday,
    'friendCreationDate', f.creation_date,
    'friendGender', f.gender,
    'friendBrowserUsed', f.browser_used,
    'friendLocationIp', f.location_ip,
    'friendEmails', coalesce((SELECT json_agg(e.email ORDER BY e.ord)
                              FROM ldbc.person_email e WHERE e.person = f.id), '[]'),
    'friendLanguages', coalesce((SELECT json_agg(l.language ORDER BY l.ord)
                                 FROM ldbc.person_language l WHERE l.person = f.id), '[]'),
    'friendCityName', coalesce((SELECT c.name FROM ldbc.place c WHERE c.id = f.city), ''),
    'friendUniversities', coalesce((
        SELECT json_agg(json_build_object('organizationName', o.name, 'year', s.class_year,
                                          'placeName', pl.name)
                        ORDER BY s.class_year, o.name COLLATE "C", pl.name COLLATE "C")
        FROM ldbc.study_at s JOIN ldbc.organisation o ON o.id = s.org
        JOIN ldbc.place pl ON pl.id = o.place
        WHERE s.person = f.id), '[]'),
    'friendCompanies', coalesce((
        SELECT json_agg(json_build_object('organizationName', o.name, 'year', w.work_from,
                                          'placeName', pl.name)
                        ORDER BY w.work_from, o.name COLLATE "C", pl.name COLLATE "C")
        FROM ldbc.work_at w JOIN ldbc.organisation o ON o.id = w.org
        JOIN ldbc.place pl ON pl.id = o.place
        WHERE w.person = f.id), '[]'))
  ORDER BY f.d, f.last_name COLLATE "C", f.id), '[]')
FROM friend f
