-- IC13 on PostgreSQL ($1 person1Id, $2 person2Id): the length of a shortest
-- knows path; 0 for equal ids, -1 when there is none.  A level-synchronous
-- BFS: one row per level with its frontier and every person seen so far.
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
    WHERE n.ids IS NOT NULL AND NOT ($2::bigint = ANY (b.frontier))
)
SELECT json_build_array(json_build_object('shortestPathLength',
  CASE WHEN $1::bigint = $2::bigint THEN 0
       ELSE coalesce((SELECT min(d) FROM bfs WHERE $2::bigint = ANY (frontier)), -1) END))
