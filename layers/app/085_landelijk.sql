-- The national view: at zooms 5-8 (a whole province or the country in one tile) the map shows gemeenten with
-- their counts instead of thousands of points and wijken. Counts come from the publiek views, so "published"
-- means here exactly what it means on the detailed map. The tiles simplify the boundaries by zoom.
CREATE VIEW publiek.gemeente_overzicht AS
SELECT g.code, g.naam, g.code AS gemeentecode,
       (SELECT count(*) FROM publiek.initiatief i WHERE i.gemeentecode = g.code)::integer AS aantal_initiatieven,
       (SELECT count(*) FROM publiek.buurtdeal d WHERE d.gemeentecode = g.code)::integer AS aantal_buurtdeals,
       g.geom
  FROM buurt.gemeente g;
