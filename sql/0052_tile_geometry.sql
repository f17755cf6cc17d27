-- tile_geom(geom, bounds, extent, buffer): a geometry in EPSG:3857 → the same geometry in the
-- integer coordinates of one vector tile (0…extent, y down), clipped to the tile plus `buffer`
-- units and made valid, with exterior rings of positive area in tile coordinates, as MVT 2.1
-- requires. It follows the steps of PostGIS 3.3's ST_AsMVTGeom (postgis/mvt.c: to tile space,
-- snap to the integer grid, drop collinear points, clip, validate), which PGlite's PostGIS lacks
-- (it is built without protobuf-c). The server uses ST_AsMVTGeom itself; tests/api/tiles-backends
-- checks that both give the same tiles within one tile unit (tiles/mvt.ts).
-- IMMUTABLE: it reads no table.
CREATE FUNCTION tile_geom(g geometry, bounds box2d, extent integer, buffer integer)
RETURNS geometry
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  dim integer;
  fx float8;
  fy float8;
  clip box2d := ST_MakeBox2D(ST_Point(-buffer, -buffer), ST_Point(extent + buffer, extent + buffer));
  tries integer := 0;
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RETURN NULL;
  END IF;
  fx := extent / (ST_XMax(bounds) - ST_XMin(bounds));
  fy := -(extent / (ST_YMax(bounds) - ST_YMin(bounds)));
  dim := ST_Dimension(g);
  g := ST_CollectionExtract(g, dim + 1);
  g := ST_Affine(g, fx, 0, 0, fy, -ST_XMin(bounds) * fx, -ST_YMax(bounds) * fy);
  g := ST_SnapToGrid(g, 1);
  IF dim > 0 THEN
    g := ST_Simplify(g, 0);
  ELSE
    g := ST_RemoveRepeatedPoints(g);
  END IF;
  IF g IS NULL OR ST_IsEmpty(g) OR NOT (g::box2d && clip) THEN
    RETURN NULL;
  END IF;
  IF dim = 2 THEN
    -- Snapping can make a ring touch or cross itself, and the rectangle clip below gives
    -- nonsense on invalid input (the outside of a ring): repair first, in a few rounds since
    -- repairing can leave fractions that snapping moves again.
    WHILE NOT ST_IsValid(g) AND tries < 3 LOOP
      g := ST_SnapToGrid(ST_CollectionExtract(ST_MakeValid(g), 3), 1);
      tries := tries + 1;
    END LOOP;
  END IF;
  IF NOT (g::box2d @ clip) THEN
    g := ST_SnapToGrid(ST_ClipByBox2D(g, clip), 1);
  END IF;
  IF dim = 2 THEN
    tries := 0;
    WHILE NOT ST_IsValid(g) AND tries < 3 LOOP
      g := ST_SnapToGrid(ST_CollectionExtract(ST_MakeValid(g), 3), 1);
      tries := tries + 1;
    END LOOP;
    IF NOT ST_IsValid(g) THEN
      RETURN NULL;
    END IF;
    -- Parts under one square unit are slivers of the snapping: the server's clipper (Wagyu)
    -- drops them too.
    g := (SELECT ST_Collect(d.geom) FROM ST_Dump(ST_CollectionExtract(g, 3)) AS d
          WHERE ST_Area(d.geom) >= 1);
    IF g IS NULL THEN
      RETURN NULL;
    END IF;
    -- y points down in a tile: counter-clockwise as numbers is clockwise on screen.
    g := ST_ForcePolygonCCW(g);
  ELSE
    g := ST_CollectionExtract(g, dim + 1);
  END IF;
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RETURN NULL;
  END IF;
  RETURN g;
END
$$;
