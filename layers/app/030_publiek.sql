-- publiek: the only thing the public tile service may read. Published rows, public columns; never the
-- submitter's contact data, never the audit log. Views run with the owner's rights, so buurtkaart_publiek
-- needs SELECT on these views and nothing else.
CREATE SCHEMA publiek;
COMMENT ON SCHEMA publiek IS 'Buurtkaart: gepubliceerde gegevens voor de virtuele stad en open data';

CREATE VIEW publiek.gemeente AS
SELECT g.code, g.naam, g.geom FROM buurt.gemeente g;

CREATE VIEW publiek.wijk AS
SELECT w.code, w.naam, w.gemeentecode, ge.naam AS gebied, w.geom
  FROM buurt.wijk w LEFT JOIN buurt.gebied ge ON ge.code = w.gebiedcode;

CREATE VIEW publiek.initiatief AS
SELECT i.id, i.titel, i.omschrijving,
       i.thema, t.naam AS thema_naam,
       i.status, s.naam AS status_naam,
       i.ingediend_op,
       i.buurtcode, i.wijkcode, i.gemeentecode,
       p.steun_pct, p.respondenten,
       -- confirmed supports from the website (issue 21): a source of support of its own beside the polls
       (SELECT count(*) FROM buurt_loket.steun st WHERE st.initiatief_id = i.id)::integer AS steunbetuigingen,
       i.geom
  FROM buurt.initiatief i
  JOIN buurt_vl.thema t ON t.code = i.thema
  JOIN buurt_vl.status s ON s.code = i.status
  LEFT JOIN LATERAL (
        SELECT round(100.0 * pe.voor / nullif(pe.voor + pe.tegen + pe.neutraal, 0))::integer AS steun_pct,
               pe.respondenten
          FROM buurt.peiling pe WHERE pe.initiatief_id = i.id
         ORDER BY pe.datum DESC LIMIT 1) p ON true
 WHERE i.gepubliceerd AND s.openbaar;

CREATE VIEW publiek.buurtdeal AS
SELECT d.id, d.titel, d.omschrijving, d.jaar,
       d.thema, t.naam AS thema_naam,
       d.status, s.naam AS status_naam,
       CASE WHEN i.gepubliceerd THEN d.initiatief_id END AS initiatief_id,
       d.budget_gemeente,
       d.buurtcode, d.wijkcode, d.gemeentecode,
       a.afspraken_bewoners, a.afspraken_gemeente, a.afspraken_partner,
       d.geom
  FROM buurt.buurtdeal d
  JOIN buurt_vl.thema t ON t.code = d.thema
  JOIN buurt_vl.status s ON s.code = d.status
  LEFT JOIN buurt.initiatief i ON i.id = d.initiatief_id
  LEFT JOIN LATERAL (
        SELECT string_agg(af.omschrijving, '; ' ORDER BY af.id) FILTER (WHERE af.partij = 'bewoners') AS afspraken_bewoners,
               string_agg(af.omschrijving, '; ' ORDER BY af.id) FILTER (WHERE af.partij = 'gemeente') AS afspraken_gemeente,
               string_agg(af.omschrijving, '; ' ORDER BY af.id) FILTER (WHERE af.partij = 'partner') AS afspraken_partner
          FROM buurt.afspraak af WHERE af.buurtdeal_id = d.id) a ON true
 WHERE d.gepubliceerd;

CREATE VIEW publiek.afspraak AS
SELECT af.id, af.buurtdeal_id, af.partij, p.naam AS partij_naam, af.omschrijving, af.gereed
  FROM buurt.afspraak af
  JOIN buurt.buurtdeal d ON d.id = af.buurtdeal_id AND d.gepubliceerd
  JOIN buurt_vl.partij p ON p.code = af.partij;

CREATE VIEW publiek.beheerobject AS
SELECT o.id, o.soort, s.naam AS soort_naam, o.naam, o.beheerder, p.naam AS beheerder_naam,
       CASE WHEN d.gepubliceerd THEN o.buurtdeal_id END AS buurtdeal_id,
       o.buurtcode, o.wijkcode, o.gemeentecode, o.geom
  FROM buurt.beheerobject o
  JOIN buurt_vl.objectsoort s ON s.code = o.soort
  JOIN buurt_vl.partij p ON p.code = o.beheerder
  LEFT JOIN buurt.buurtdeal d ON d.id = o.buurtdeal_id;

-- Buurt with the figures the viewer shows on click: counts of published initiatives and deals, and the
-- latest value of each indicator.
CREATE VIEW publiek.buurt AS
SELECT b.code, b.naam, b.wijkcode, w.naam AS wijknaam, b.gemeentecode, b.water,
       (SELECT count(*) FROM publiek.initiatief i WHERE i.buurtcode = b.code)::integer AS aantal_initiatieven,
       d.aantal_buurtdeals, d.budget_buurtdeals,
       c.inwoners, c.rapportcijfer_woonomgeving, c.sociale_cohesie, c.betrokkenheid_buurt, c.cijfers_jaar,
       b.geom
  FROM buurt.buurt b
  JOIN buurt.wijk w ON w.code = b.wijkcode
  CROSS JOIN LATERAL (
        SELECT count(*)::integer AS aantal_buurtdeals, coalesce(sum(pd.budget_gemeente), 0) AS budget_buurtdeals
          FROM publiek.buurtdeal pd WHERE pd.buurtcode = b.code) d
  LEFT JOIN LATERAL (
        SELECT max(bc.waarde) FILTER (WHERE bc.indicator = 'inwoners')::integer AS inwoners,
               max(bc.waarde) FILTER (WHERE bc.indicator = 'rapportcijfer_woonomgeving') AS rapportcijfer_woonomgeving,
               max(bc.waarde) FILTER (WHERE bc.indicator = 'sociale_cohesie') AS sociale_cohesie,
               max(bc.waarde) FILTER (WHERE bc.indicator = 'betrokkenheid_buurt') AS betrokkenheid_buurt,
               max(bc.jaar) AS cijfers_jaar
          FROM buurt.buurtcijfer bc
         WHERE bc.buurtcode = b.code
           AND bc.jaar = (SELECT max(jaar) FROM buurt.buurtcijfer x WHERE x.buurtcode = b.code)) c ON true;

-- Where RD New (EPSG:28992) is defined, as (xmin, ymin, xmax, ymax), for the public role: the OGC API reads it
-- once at start-up to refuse a `bbox` in RD New outside it. The one definition stays buurt_app.rd_gebied()
-- (070_import.sql, made after this file: PL/pgSQL looks it up when called, not when created).
CREATE FUNCTION publiek.rd_gebied() RETURNS TABLE (xmin float8, ymin float8, xmax float8, ymax float8)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY SELECT ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g) FROM buurt_app.rd_gebied() g;
END
$$;
