-- PostGIS: every geometry in Intrecci is geometry(<Type>, 4326).
CREATE EXTENSION IF NOT EXISTS postgis;
