-- What the public may see of the unconventional maps, in one place: features of public,
-- published maps that are themselves published. Private and unlisted maps never appear here;
-- vector tiles and OGC API read this view, never map_features directly. The legend symbol's
-- label, colour and emoji are resolved for styling.
CREATE VIEW public_map_features AS
SELECT
  f.id,
  f.seq,
  f.map_id,
  m.title AS map_title,
  f.kind,
  f.symbol,
  s.value ->> 'label' AS symbol_label,
  s.value ->> 'color' AS symbol_color,
  s.value ->> 'emoji' AS symbol_emoji,
  f.title,
  f.note,
  f.story,
  f.geom,
  f.created_at,
  f.updated_at
FROM map_features f
JOIN maps m ON m.id = f.map_id
LEFT JOIN LATERAL (
  SELECT e.value FROM jsonb_array_elements(m.legend) AS e WHERE e.value ->> 'key' = f.symbol
  LIMIT 1
) s ON true
WHERE m.visibility = 'public' AND m.status = 'published' AND f.status = 'published';
