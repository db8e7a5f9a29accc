-- IC14 on PostgreSQL ($1 person1Id, $2 person2Id): every shortest knows path
-- with its weight (the sum over consecutive pairs of ldbc.interaction), by
-- weight descending, then the id sequence ascending.  BFS levels from both
-- ends (as in ic13.sql); a person is on a shortest path when its distances
-- from both ends add up to the length; paths are grown over those persons.
WITH RECURSIVE fwd(d, frontier, seen) AS (
    SELECT 0, ARRAY[$1::bigint], ARRAY[$1::bigint]
  UNION ALL
    SELECT b.d + 1, n.ids, b.seen || n.ids
    FROM fwd b, LATERAL (
      SELECT array_agg(DISTINCT k.b) AS ids
      FROM ldbc.knows k
      WHERE k.a = ANY (b.frontier)
        AND NOT EXISTS (SELECT 1 FROM unnest(b.seen) s(id) WHERE s.id = k.b)
    ) n
    WHERE n.ids IS NOT NULL AND NOT ($2::bigint = ANY (b.frontier))
), len AS (
  SELECT min(d) AS d FROM fwd WHERE $2::bigint = ANY (frontier)
), bwd(d, frontier, seen) AS (
    SELECT 0, ARRAY[$2::bigint], ARRAY[$2::bigint]
  UNION ALL
    SELECT b.d + 1, n.ids, b.seen || n.ids
    FROM bwd b, LATERAL (
      SELECT array_agg(DISTINCT k.b) AS ids
      FROM ldbc.knows k
      WHERE k.a = ANY (b.frontier)
        AND NOT EXISTS (SELECT 1 FROM unnest(b.seen) s(id) WHERE s.id = k.b)
    ) n, len
    WHERE n.ids IS NOT NULL AND b.d < len.d
), on_path AS (
  SELECT a.id, a.d
  FROM (SELECT u AS id, f.d FROM fwd f, unnest(f.frontier) u) a
  JOIN (SELECT u AS id, g.d FROM bwd g, unnest(g.frontier) u) z ON z.id = a.id, len
  WHERE a.d + z.d = len.d
), paths(path, last, n, weight) AS (
    SELECT ARRAY[$1::bigint], $1::bigint, 0, 0.0 FROM len WHERE len.d IS NOT NULL
  UNION ALL
    SELECT p.path || o.id, o.id, p.n + 1, p.weight + coalesce(i.weight, 0)
    FROM paths p
    JOIN ldbc.knows k ON k.a = p.last
    JOIN on_path o ON o.id = k.b AND o.d = p.n + 1
    LEFT JOIN ldbc.interaction i ON i.a = p.last AND i.b = o.id
)
SELECT coalesce(json_agg(json_build_object('personIdsInPath', p.path,
                                           'pathWeight', round(p.weight, 1))
                         ORDER BY p.weight DESC, p.path), '[]')
FROM paths p, len
WHERE p.n = len.d
