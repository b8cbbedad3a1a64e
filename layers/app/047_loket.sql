-- The residents' pages (issue 21): schema loket is the only door of role buurtkaart_loket (the web pages'
-- login). Every function is SECURITY DEFINER and checks its rules here, in SQL, once: a refusal is SQLSTATE 23514
-- with a Dutch message (the form shows it), too many requests from one address BK429 (the page answers 429), an
-- unknown, used or expired token or an unpublished initiative to support P0002 (404). The private data live in
-- schema buurt_loket (changelog 0090); tokens are kept only as their hash, client and support addresses only
-- as a keyed hash. The outbox (buurt_loket.uitgaand) is written here and by the status trigger below, in the same
-- transaction as the change it tells, and delivered by spatial_service/mail/ through the buurt_app.mail_*
-- functions (role buurtkaart_post). `buurtkaart opschonen` runs buurt_app.loket_opschonen().
CREATE SCHEMA loket;
COMMENT ON SCHEMA loket IS 'Buurtkaart: de functies van de bewonerspagina''s (indienen, volgen, steunen)';

-- === helpers (called by the definer functions, so they run as the owner) ==================================

-- A link token: 192 random bits, URL-safe (base64url without padding, 32 characters).
CREATE FUNCTION buurt_app.loket_token() RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT translate(encode(public.gen_random_bytes(24), 'base64'), '+/', '-_')
$$;

-- What is stored of a token: its SHA-256 (the token itself is random enough that no key is needed).
CREATE FUNCTION buurt_app.loket_hash(p_token text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.sha256(convert_to(coalesce(p_token, ''), 'UTF8'))
$$;

-- What is stored of a client or support address: an HMAC with the database's own key, so a list of addresses
-- cannot be tested against the table without that key.
CREATE FUNCTION buurt_app.loket_sleutelhash(p_waarde text) RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT public.hmac(convert_to(coalesce(p_waarde, ''), 'UTF8'), g.sleutel, 'sha256') FROM buurt_loket.geheim g
$$;

-- An e-mail address as typed (trimmed), or the Dutch refusal. No CR/LF or spaces: it goes into a mail header.
CREATE FUNCTION buurt_app.loket_email(p_email text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_email text := btrim(coalesce(p_email, ''));
BEGIN
  IF v_email = '' THEN
    RAISE EXCEPTION 'Vul uw e-mailadres in.' USING COLUMN = 'email', ERRCODE = 'check_violation',
      HINT = 'Naar dit adres sturen we de link waarmee u bevestigt.';
  END IF;
  IF length(v_email) > 254
     OR v_email !~ '^[^@\s<>(),;:"\[\]\\]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$'
  THEN
    RAISE EXCEPTION 'Het e-mailadres "%" is geen geldig e-mailadres.', left(v_email, 80)
      USING COLUMN = 'email', ERRCODE = 'check_violation', HINT = 'Een e-mailadres ziet eruit als naam@voorbeeld.nl.';
  END IF;
  RETURN v_email;
END
$$;

-- The rate limit per client address (settings loket_<soort>_per_uur): refuses with BK429, else counts this
-- request. Only a request that is then stored counts (a refusal later in the same call rolls the count back).
CREATE FUNCTION buurt_app.loket_drempel(p_soort text, p_afzender text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_hash bytea := buurt_app.loket_sleutelhash(p_afzender);
  v_max integer := buurt_app.instelling('loket_' || p_soort || '_per_uur');
BEGIN
  -- two requests from one address at the same moment must not both pass the count
  PERFORM pg_advisory_xact_lock(hashtextextended(p_soort || encode(v_hash, 'hex'), 21));
  IF (SELECT count(*) FROM buurt_loket.verzoek v
       WHERE v.afzender_hash = v_hash AND v.soort = p_soort AND v.op > now() - interval '1 hour') >= v_max THEN
    RAISE EXCEPTION 'Er zijn het afgelopen uur te veel verzoeken vanaf uw adres gedaan (hoogstens % per uur).', v_max
      USING ERRCODE = 'BK429', HINT = 'Probeer het over een uur opnieuw.';
  END IF;
  INSERT INTO buurt_loket.verzoek (afzender_hash, soort) VALUES (v_hash, p_soort);
END
$$;

-- The location of a submission in RD New: the drawn GeoJSON (EPSG:4326: a point or an area within the
-- vertex and area limits), else a point inside the chosen buurt; with both, the drawing must touch the buurt.
CREATE FUNCTION buurt_app.loket_locatie(p_geojson text, p_buurtcode text) RETURNS geometry
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_buurtnaam text;
  v_buurtgeom geometry;
  v_heeft_buurt boolean := false;
  v_geom geometry;
  v_max_punten integer := buurt_app.instelling('loket_max_punten');
  v_max_opp numeric := buurt_app.instelling('loket_max_oppervlakte_m2');
BEGIN
  IF nullif(btrim(p_buurtcode), '') IS NOT NULL THEN
    SELECT b.naam, b.geom INTO v_buurtnaam, v_buurtgeom FROM buurt.buurt b WHERE b.code = btrim(p_buurtcode);
    v_heeft_buurt := FOUND;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'Buurt "%" bestaat niet.', left(btrim(p_buurtcode), 40)
        USING COLUMN = 'buurtcode', ERRCODE = 'check_violation', HINT = 'Kies een buurt uit de lijst.';
    END IF;
  END IF;
  IF nullif(btrim(p_geojson), '') IS NULL THEN
    IF NOT v_heeft_buurt THEN
      RAISE EXCEPTION 'Geef aan waar het initiatief is: kies een plek op de kaart of een buurt uit de lijst.'
        USING COLUMN = 'geojson', ERRCODE = 'check_violation';
    END IF;
    RETURN ST_PointOnSurface(v_buurtgeom);
  END IF;
  IF length(p_geojson) > 100 * v_max_punten + 1000 THEN
    RAISE EXCEPTION 'De getekende locatie is te groot (hoogstens % hoekpunten).', v_max_punten
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Teken het gebied eenvoudiger, met minder punten.';
  END IF;
  BEGIN
    v_geom := ST_GeomFromGeoJSON(p_geojson);
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'De getekende locatie is geen geldige GeoJSON-geometrie.'
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Teken de plek opnieuw op de kaart.';
  END;
  IF v_geom IS NULL OR ST_IsEmpty(v_geom) OR GeometryType(v_geom) NOT IN ('POINT', 'POLYGON', 'MULTIPOLYGON') THEN
    RAISE EXCEPTION 'De locatie moet een punt of een vlak zijn, geen %.',
      coalesce(buurt_app.geometrietype_naam(GeometryType(v_geom)), 'lege geometrie')
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Zet een punt op de kaart of teken een vlak.';
  END IF;
  IF ST_NPoints(v_geom) > v_max_punten THEN
    RAISE EXCEPTION 'Het getekende gebied heeft % hoekpunten; hoogstens % zijn toegestaan.',
      ST_NPoints(v_geom), v_max_punten
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Teken het gebied eenvoudiger, met minder punten.';
  END IF;
  IF ST_XMin(v_geom) < -180 OR ST_XMax(v_geom) > 180 OR ST_YMin(v_geom) < -90 OR ST_YMax(v_geom) > 90 THEN
    RAISE EXCEPTION 'De locatie heeft geen coördinaten in graden (lengte, breedte; EPSG:4326).'
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Teken de plek opnieuw op de kaart.';
  END IF;
  v_geom := ST_Transform(ST_SetSRID(ST_Force2D(v_geom), 4326), 28992);
  IF GeometryType(v_geom) <> 'POINT' AND ST_Area(v_geom) > v_max_opp THEN
    RAISE EXCEPTION 'Het getekende gebied is % m²; hoogstens % m² is toegestaan.',
      to_char(round(ST_Area(v_geom)), 'FM999G999G999G999'), to_char(v_max_opp, 'FM999G999G999G999')
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Teken een kleiner gebied, of zet een punt op de kaart.';
  END IF;
  IF v_heeft_buurt AND NOT ST_Intersects(v_geom, v_buurtgeom) THEN
    RAISE EXCEPTION 'De plek op de kaart ligt niet in de gekozen buurt %.', v_buurtnaam
      USING COLUMN = 'buurtcode', ERRCODE = 'check_violation', HINT = 'Kies de buurt waarin de plek ligt, of verplaats de plek.';
  END IF;
  RETURN v_geom;
END
$$;

-- Queue a mail (the NOTIFY trigger below wakes the sender after the commit); returns its id.
CREATE FUNCTION buurt_app.loket_mail(p_soort text, p_aan text, p_pagina text, p_initiatief integer, p_gegevens jsonb,
                                     p_token text) RETURNS bigint
LANGUAGE sql VOLATILE AS $$
  INSERT INTO buurt_loket.uitgaand (soort, aan, pagina, initiatief_id, gegevens, token)
  VALUES (p_soort, p_aan, p_pagina, p_initiatief, p_gegevens, p_token)
  RETURNING id
$$;

-- A new follow link of an initiative: the raw token, of which only the hash is kept.
CREATE FUNCTION buurt_app.loket_volglink(p_initiatief integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_token text := buurt_app.loket_token();
BEGIN
  INSERT INTO buurt_loket.volgsleutel (token_hash, initiatief_id) VALUES (buurt_app.loket_hash(v_token), p_initiatief);
  RETURN v_token;
END
$$;

-- The initiative a follow token belongs to, or P0002.
CREATE FUNCTION buurt_app.loket_volgsleutel(p_token text) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_id integer;
BEGIN
  SELECT v.initiatief_id INTO v_id FROM buurt_loket.volgsleutel v WHERE v.token_hash = buurt_app.loket_hash(p_token);
  IF v_id IS NULL THEN
    RAISE EXCEPTION 'Deze volglink is onbekend of niet meer geldig.' USING ERRCODE = 'no_data_found',
      HINT = 'Een ingetrokken initiatief, of een waarvan de gegevens na de bewaartermijn zijn gewist, heeft geen volglink meer.';
  END IF;
  RETURN v_id;
END
$$;

-- === the door of the web pages =============================================================================

-- Submit: every rule the initiative will meet is checked now (a dry run of the insert, rolled back), so the
-- resident hears a refusal on the form, not after the confirmation click. Nothing public is stored.
CREATE FUNCTION loket.indienen(p_gemeente text, p_titel text, p_omschrijving text, p_thema text, p_geojson text,
                               p_buurtcode text, p_naam text, p_email text, p_toestemming boolean, p_afzender text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_titel text := btrim(coalesce(p_titel, ''));
  v_omschrijving text := nullif(btrim(p_omschrijving), '');
  v_naam text := btrim(coalesce(p_naam, ''));
  v_email text;
  v_geom geometry;
  v_gemeente text;
  v_token text;
  v_uren integer := buurt_app.instelling('loket_bevestigen_binnen_uren');
BEGIN
  IF p_gemeente IS NOT NULL AND NOT EXISTS (SELECT 1 FROM buurt.gemeente g WHERE g.code = p_gemeente) THEN
    RAISE EXCEPTION 'Gemeente "%" is onbekend.', left(p_gemeente, 20) USING ERRCODE = 'check_violation';
  END IF;
  PERFORM buurt_app.loket_drempel('indienen', p_afzender);
  IF p_toestemming IS NOT TRUE THEN
    RAISE EXCEPTION 'Zonder uw toestemming voor het gebruik van uw naam en e-mailadres kunnen we het initiatief niet in behandeling nemen.'
      USING COLUMN = 'toestemming', ERRCODE = 'check_violation', HINT = 'Vink aan dat u toestemming geeft (zie de privacyverklaring).';
  END IF;
  IF v_titel = '' THEN
    RAISE EXCEPTION 'Geef het initiatief een titel.' USING COLUMN = 'titel', ERRCODE = 'check_violation';
  ELSIF length(v_titel) > 150 THEN
    RAISE EXCEPTION 'De titel is % tekens lang; hoogstens 150 zijn toegestaan.', length(v_titel)
      USING COLUMN = 'titel', ERRCODE = 'check_violation', HINT = 'Kort de titel in; de uitleg hoort in de omschrijving.';
  END IF;
  IF length(v_omschrijving) > 5000 THEN
    RAISE EXCEPTION 'De omschrijving is % tekens lang; hoogstens 5000 zijn toegestaan.', length(v_omschrijving)
      USING COLUMN = 'omschrijving', ERRCODE = 'check_violation';
  END IF;
  IF v_naam = '' THEN
    RAISE EXCEPTION 'Vul uw naam in.' USING COLUMN = 'naam', ERRCODE = 'check_violation',
      HINT = 'Uw naam ziet alleen de gemeente; hij wordt nooit gepubliceerd.';
  ELSIF length(v_naam) > 200 THEN
    RAISE EXCEPTION 'De naam is % tekens lang; hoogstens 200 zijn toegestaan.', length(v_naam)
      USING COLUMN = 'naam', ERRCODE = 'check_violation';
  END IF;
  v_email := buurt_app.loket_email(p_email);
  IF NOT EXISTS (SELECT 1 FROM buurt_vl.thema t WHERE t.code = p_thema) THEN
    RAISE EXCEPTION 'Thema "%" bestaat niet.', left(coalesce(p_thema, ''), 40) USING COLUMN = 'thema', ERRCODE = 'check_violation',
      HINT = 'Kies een van: ' || (SELECT string_agg(t.naam, ', ' ORDER BY t.naam) FROM buurt_vl.thema t) || '.';
  END IF;
  v_geom := buurt_app.loket_locatie(p_geojson, p_buurtcode);

  -- the dry run: the insert with every trigger and CHECK of buurt.initiatief, then rolled back (BK000 is ours)
  BEGIN
    INSERT INTO buurt.initiatief (titel, omschrijving, thema, geom, indiener_naam, indiener_email, oorsprong)
    VALUES (v_titel, v_omschrijving, p_thema, v_geom, v_naam, v_email, 'web')
    RETURNING gemeentecode INTO v_gemeente;
    RAISE EXCEPTION USING ERRCODE = 'BK000';
  EXCEPTION WHEN SQLSTATE 'BK000' THEN
    NULL;
  END;
  IF p_gemeente IS NOT NULL AND v_gemeente IS DISTINCT FROM p_gemeente THEN
    RAISE EXCEPTION 'De plek op de kaart ligt niet in de gemeente %.', buurt_app.gemeente_naam(p_gemeente)
      USING COLUMN = 'geojson', ERRCODE = 'check_violation', HINT = 'Zet de plek binnen de gemeentegrens.';
  END IF;

  v_token := buurt_app.loket_token();
  INSERT INTO buurt_loket.aanmelding (token_hash, pagina, titel, omschrijving, thema, geom, naam, email, verloopt_op,
                                      uitgaand_id)
  VALUES (buurt_app.loket_hash(v_token), p_gemeente, v_titel, v_omschrijving, p_thema, v_geom, v_naam, v_email,
          now() + make_interval(hours => v_uren),
          buurt_app.loket_mail('indienen_bevestigen', v_email, p_gemeente, NULL,
                               jsonb_build_object('titel', v_titel, 'uren', v_uren), v_token));
END
$$;

-- Confirm a submission (single use): the initiative is made as GIS staff would make it, unpublished, origin web.
CREATE FUNCTION loket.bevestigen(p_token text)
RETURNS TABLE (initiatief_id integer, volg_token text, gemeentecode text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
DECLARE
  a buurt_loket.aanmelding;
  v_id integer;
  v_gemeente text;
  v_volg text;
BEGIN
  DELETE FROM buurt_loket.aanmelding x
   WHERE x.token_hash = buurt_app.loket_hash(p_token) AND x.verloopt_op > now()
  RETURNING x.* INTO a;
  IF a.id IS NULL THEN
    RAISE EXCEPTION 'Deze bevestigingslink is onbekend, al gebruikt of verlopen.' USING ERRCODE = 'no_data_found',
      HINT = 'Is het initiatief nog niet bevestigd, dien het dan opnieuw in.';
  END IF;
  INSERT INTO buurt.initiatief (titel, omschrijving, thema, geom, indiener_naam, indiener_email, oorsprong)
  VALUES (a.titel, a.omschrijving, a.thema, a.geom, a.naam, a.email, 'web')
  RETURNING id, gemeentecode INTO v_id, v_gemeente;
  UPDATE buurt_loket.uitgaand u SET initiatief_id = v_id WHERE u.id = a.uitgaand_id;
  -- a QGIS layer with "refresh on notification" (channel qgis, message buurt.initiatief) redraws at the commit; the
  -- plugin does not switch it on: QGIS 3.22's listener thread crashed a headless session at exit (double free)
  PERFORM pg_notify('qgis', 'buurt.initiatief');
  v_volg := buurt_app.loket_volglink(v_id);
  PERFORM buurt_app.loket_mail('ontvangen', a.email, v_gemeente, v_id, jsonb_build_object('titel', a.titel), v_volg);
  RETURN QUERY SELECT v_id, v_volg, v_gemeente;
END
$$;

-- The public story of an initiative for its submitter: never the name or the e-mail address.
CREATE FUNCTION loket.volgen(p_token text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_id integer := buurt_app.loket_volgsleutel(p_token);
BEGIN
  RETURN (
    SELECT jsonb_build_object(
             'id', i.id, 'titel', i.titel, 'omschrijving', i.omschrijving, 'thema_naam', t.naam,
             'status', i.status, 'status_naam', s.naam, 'gepubliceerd', i.gepubliceerd,
             'ingediend_op', i.ingediend_op, 'gemeentecode', i.gemeentecode,
             'stappen', (SELECT coalesce(jsonb_agg(jsonb_build_object('status', sv.status, 'status_naam', vs.naam,
                                                                      'datum', sv.op::date) ORDER BY sv.op, sv.id),
                                         '[]'::jsonb)
                           FROM buurt.statusverloop sv JOIN buurt_vl.status vs ON vs.code = sv.status
                          WHERE sv.initiatief_id = i.id),
             -- the deal it led to, once published (a draft deal is the gemeente's work in progress)
             'deal', (SELECT jsonb_build_object(
                               'titel', d.titel, 'status_naam', ds.naam, 'jaar', d.jaar,
                               'afspraken', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                                     'partij', af.partij, 'partij_naam', p.naam,
                                                     'omschrijving', af.omschrijving, 'gereed', af.gereed)
                                                   ORDER BY p.volgorde, af.id), '[]'::jsonb)
                                               FROM buurt.afspraak af JOIN buurt_vl.partij p ON p.code = af.partij
                                              WHERE af.buurtdeal_id = d.id))
                        FROM buurt.buurtdeal d JOIN buurt_vl.status ds ON ds.code = d.status
                       WHERE d.initiatief_id = i.id AND d.gepubliceerd
                       ORDER BY d.jaar DESC, d.id DESC LIMIT 1),
             -- what loket.intrekken would do: the workflow must allow the step to "ingetrokken"
             'kan_intrekken', NOT i.gepubliceerd AND EXISTS (SELECT 1 FROM buurt_vl.status_overgang o
                                                              WHERE o.van = i.status AND o.naar = 'ingetrokken'),
             'steun', (SELECT count(*) FROM buurt_loket.steun st WHERE st.initiatief_id = i.id)::integer)
      FROM buurt.initiatief i
      JOIN buurt_vl.thema t ON t.code = i.thema
      JOIN buurt_vl.status s ON s.code = i.status
     WHERE i.id = v_id);
END
$$;

-- Withdraw while unpublished: the initiative is withdrawn, the resident's data erased (name, e-mail, the mails
-- to them), and every follow link of it dies.
CREATE FUNCTION loket.intrekken(p_token text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_id integer := buurt_app.loket_volgsleutel(p_token);
  v_gepubliceerd boolean;
BEGIN
  SELECT i.gepubliceerd INTO v_gepubliceerd FROM buurt.initiatief i WHERE i.id = v_id FOR UPDATE;
  IF v_gepubliceerd THEN
    RAISE EXCEPTION 'Dit initiatief is al gepubliceerd en kan daarom niet meer via de website worden ingetrokken.'
      USING ERRCODE = 'check_violation', HINT = 'Neem contact op met de gemeente als u het wilt intrekken.';
  END IF;
  UPDATE buurt.initiatief i
     SET status = CASE WHEN i.status IN ('ingetrokken', 'afgewezen') THEN i.status ELSE 'ingetrokken' END,
         indiener_naam = NULL, indiener_email = NULL, indiener_telefoon = NULL
   WHERE i.id = v_id;
  DELETE FROM buurt_loket.volgsleutel v WHERE v.initiatief_id = v_id;
  DELETE FROM buurt_loket.uitgaand u WHERE u.initiatief_id = v_id;
END
$$;

-- Ask to support a published initiative: a confirmation mail; whether the address supported already is told
-- only after the click (else this would answer who supports what).
CREATE FUNCTION loket.steunen(p_initiatief_id integer, p_email text, p_afzender text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_ini record;
  v_email text;
  v_token text := buurt_app.loket_token();
  v_uren integer := buurt_app.instelling('loket_bevestigen_binnen_uren');
BEGIN
  PERFORM buurt_app.loket_drempel('steunen', p_afzender);
  SELECT p.id, p.titel, p.gemeentecode INTO v_ini FROM publiek.initiatief p WHERE p.id = p_initiatief_id;
  IF v_ini.id IS NULL THEN
    RAISE EXCEPTION 'Dit initiatief bestaat niet of is niet gepubliceerd.' USING ERRCODE = 'no_data_found';
  END IF;
  v_email := buurt_app.loket_email(p_email);
  INSERT INTO buurt_loket.steunaanvraag (token_hash, initiatief_id, adres_hash, verloopt_op, uitgaand_id)
  VALUES (buurt_app.loket_hash(v_token), v_ini.id, buurt_app.loket_sleutelhash(lower(v_email)),
          now() + make_interval(hours => v_uren),
          buurt_app.loket_mail('steun_bevestigen', v_email, v_ini.gemeentecode, v_ini.id,
                               jsonb_build_object('titel', v_ini.titel, 'uren', v_uren), v_token));
END
$$;

-- Confirm a support (single use); one support per address per initiative (nieuw = false when it had already).
CREATE FUNCTION loket.steun_bevestigen(p_token text)
RETURNS TABLE (initiatief_id integer, steun integer, nieuw boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
DECLARE
  a buurt_loket.steunaanvraag;
  v_nieuw boolean;
BEGIN
  DELETE FROM buurt_loket.steunaanvraag x
   WHERE x.token_hash = buurt_app.loket_hash(p_token) AND x.verloopt_op > now()
  RETURNING x.* INTO a;
  IF a.token_hash IS NULL THEN
    RAISE EXCEPTION 'Deze bevestigingslink is onbekend, al gebruikt of verlopen.' USING ERRCODE = 'no_data_found',
      HINT = 'Vraag opnieuw om uw steun te bevestigen.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM publiek.initiatief p WHERE p.id = a.initiatief_id) THEN
    RAISE EXCEPTION 'Dit initiatief is niet (meer) gepubliceerd.' USING ERRCODE = 'no_data_found';
  END IF;
  -- one address at a time: two clicks of the same address on two links must not both count
  PERFORM pg_advisory_xact_lock(hashtextextended(encode(a.adres_hash, 'hex'), a.initiatief_id));
  INSERT INTO buurt_loket.steun (initiatief_id, adres_hash) VALUES (a.initiatief_id, a.adres_hash)
  ON CONFLICT ON CONSTRAINT steun_een_per_adres DO NOTHING
  RETURNING true INTO v_nieuw;
  RETURN QUERY SELECT a.initiatief_id,
                      (SELECT count(*) FROM buurt_loket.steun s WHERE s.initiatief_id = a.initiatief_id)::integer,
                      coalesce(v_nieuw, false);
END
$$;

-- What the privacy statement tells: the settings, as the rules use them.
CREATE FUNCTION loket.privacy() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT jsonb_build_object(
    'bewaartermijn_dagen', buurt_app.instelling('loket_bewaartermijn_dagen')::integer,
    'mail_bewaartermijn_dagen', buurt_app.instelling('loket_mail_bewaartermijn_dagen')::integer,
    'bevestigen_binnen_uren', buurt_app.instelling('loket_bevestigen_binnen_uren')::integer,
    'indienen_per_uur', buurt_app.instelling('loket_indienen_per_uur')::integer,
    'steunen_per_uur', buurt_app.instelling('loket_steunen_per_uur')::integer,
    'max_punten', buurt_app.instelling('loket_max_punten')::integer,
    'max_oppervlakte_m2', buurt_app.instelling('loket_max_oppervlakte_m2'))
$$;

-- === the outbox ============================================================================================

-- Every status change of a web-submitted initiative, and of a deal made from one, queues a mail to the
-- submitter in the same transaction (a rolled-back change queues nothing), each with a fresh follow link.
-- On buurt.statusverloop, which its own trigger writes once per changed row; the first step of a new initiative
-- (status_van NULL) is told by the "ontvangen" mail instead. A new deal is news too.
CREATE FUNCTION buurt_app.tg_loket_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO buurt_loket.uitgaand (soort, aan, pagina, initiatief_id, gegevens, token)
  SELECT 'status', i.indiener_email, i.gemeentecode, i.id,
         jsonb_build_object('titel', i.titel, 'status', r.status, 'status_naam', s.naam, 'status_van_naam', v.naam),
         buurt_app.loket_volglink(i.id)
    FROM rijen r
    JOIN buurt.initiatief i ON i.id = r.initiatief_id
    JOIN buurt_vl.status s ON s.code = r.status
    JOIN buurt_vl.status v ON v.code = r.status_van
   WHERE i.oorsprong = 'web' AND i.indiener_email IS NOT NULL;
  INSERT INTO buurt_loket.uitgaand (soort, aan, pagina, initiatief_id, gegevens, token)
  SELECT 'deal_status', i.indiener_email, i.gemeentecode, i.id,
         jsonb_build_object('titel', i.titel, 'deal_titel', d.titel, 'status', r.status, 'status_naam', s.naam,
                            'nieuw', r.status_van IS NULL),
         buurt_app.loket_volglink(i.id)
    FROM rijen r
    JOIN buurt.buurtdeal d ON d.id = r.buurtdeal_id
    JOIN buurt.initiatief i ON i.id = d.initiatief_id
    JOIN buurt_vl.status s ON s.code = r.status
   WHERE i.oorsprong = 'web' AND i.indiener_email IS NOT NULL;
  RETURN NULL;
END
$$;
SELECT buurt_app.maak_statementtriggers('statusverloop', 'm_loket_mail', 'buurt_app.tg_loket_status()',
                                        p_gebeurtenissen => ARRAY['INSERT']);

-- Wake the sender (LISTEN buurtkaart_mail); NOTIFY is sent at commit only, so never for a rolled-back change.
CREATE FUNCTION buurt_app.tg_loket_post() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('buurtkaart_mail', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER melden AFTER INSERT ON buurt_loket.uitgaand
  FOR EACH STATEMENT EXECUTE FUNCTION buurt_app.tg_loket_post();

-- The sender's door (role buurtkaart_post): the next due mail, locked for this transaction and skipped by every
-- other sender (FOR UPDATE SKIP LOCKED), so several senders never send one mail twice.
CREATE FUNCTION buurt_app.mail_volgende()
RETURNS TABLE (id bigint, soort text, aan text, pagina text, gegevens jsonb, token text, pogingen integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.soort, u.aan, u.pagina, u.gegevens, u.token, u.pogingen
    FROM buurt_loket.uitgaand u
   WHERE u.verzonden_op IS NULL AND u.volgende_poging <= now()
     AND u.pogingen < buurt_app.instelling('mail_max_pogingen')
   ORDER BY u.volgende_poging, u.id
   LIMIT 1
     FOR UPDATE SKIP LOCKED
$$;

-- Sent: the link token goes (it was only kept to write the mail).
CREATE FUNCTION buurt_app.mail_verzonden(p_id bigint) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  UPDATE buurt_loket.uitgaand
     SET verzonden_op = now(), token = NULL, laatste_fout = NULL, pogingen = pogingen + 1
   WHERE id = p_id AND verzonden_op IS NULL
$$;

-- Failed: the next try waits mail_herhaal_na_s, doubled per failure, at most an hour. p_opgeven: the server refused
-- this mail for good (a 5xx answer, e.g. an address that does not exist): no more tries.
CREATE FUNCTION buurt_app.mail_mislukt(p_id bigint, p_fout text, p_opgeven boolean DEFAULT false) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  UPDATE buurt_loket.uitgaand
     SET pogingen = CASE WHEN p_opgeven THEN greatest(pogingen + 1, buurt_app.instelling('mail_max_pogingen')::integer)
                         ELSE pogingen + 1 END,
         laatste_fout = left(p_fout, 500),
         volgende_poging = now() + make_interval(secs => least(3600, buurt_app.instelling('mail_herhaal_na_s')
                                                                      * power(2, least(pogingen, 20))))
   WHERE id = p_id AND verzonden_op IS NULL
$$;

-- How many mails wait, and when the next one is due (the sender sleeps until then or until a NOTIFY).
CREATE FUNCTION buurt_app.mail_wachtrij(OUT wachtend integer, OUT opgegeven integer, OUT eerstvolgende timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT count(*) FILTER (WHERE u.pogingen < m.m)::integer, count(*) FILTER (WHERE u.pogingen >= m.m)::integer,
         min(u.volgende_poging) FILTER (WHERE u.pogingen < m.m)
    FROM buurt_loket.uitgaand u, (SELECT buurt_app.instelling('mail_max_pogingen') AS m) m
   WHERE u.verzonden_op IS NULL
$$;

-- === retention =============================================================================================

-- `buurtkaart opschonen`: erase what the retention settings say, idempotently; one row in the audit log per run
-- that erased anything, with the counts and never the values. Returns the counts.
CREATE FUNCTION buurt_app.loket_opschonen() RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_termijn interval := make_interval(days => buurt_app.instelling('loket_bewaartermijn_dagen')::integer);
  v_mailtermijn interval := make_interval(days => buurt_app.instelling('loket_mail_bewaartermijn_dagen')::integer);
  v_ids integer[];
  v_mails bigint[];
  v_uit jsonb;
  v_n integer;
BEGIN
  -- web-submitted initiatives whose last status change is older than the retention period
  SELECT coalesce(array_agg(i.id), '{}') INTO v_ids
    FROM buurt.initiatief i
   WHERE i.oorsprong = 'web'
     AND num_nonnulls(i.indiener_naam, i.indiener_email, i.indiener_telefoon) > 0
     AND coalesce((SELECT max(sv.op) FROM buurt.statusverloop sv WHERE sv.initiatief_id = i.id), i.aangemaakt_op)
         < now() - v_termijn;
  UPDATE buurt.initiatief SET indiener_naam = NULL, indiener_email = NULL, indiener_telefoon = NULL
   WHERE id = ANY (v_ids);
  v_uit := jsonb_build_object('indieners', cardinality(v_ids));
  DELETE FROM buurt_loket.volgsleutel WHERE initiatief_id = ANY (v_ids);
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_uit := v_uit || jsonb_build_object('volglinks', v_n);
  DELETE FROM buurt_loket.uitgaand WHERE initiatief_id = ANY (v_ids);
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_uit := v_uit || jsonb_build_object('mails_indieners', v_n);
  UPDATE buurt_loket.steun SET adres_hash = NULL WHERE adres_hash IS NOT NULL AND bevestigd_op < now() - v_termijn;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_uit := v_uit || jsonb_build_object('steunadressen', v_n);
  -- never confirmed: the request and its confirmation mail
  WITH weg AS (DELETE FROM buurt_loket.aanmelding WHERE verloopt_op <= now() RETURNING uitgaand_id)
  SELECT count(*), coalesce(array_agg(uitgaand_id), '{}') INTO v_n, v_mails FROM weg;
  v_uit := v_uit || jsonb_build_object('aanmeldingen', v_n);
  WITH weg AS (DELETE FROM buurt_loket.steunaanvraag WHERE verloopt_op <= now() RETURNING uitgaand_id)
  SELECT count(*), v_mails || coalesce(array_agg(uitgaand_id), '{}') INTO v_n, v_mails FROM weg;
  v_uit := v_uit || jsonb_build_object('steunaanvragen', v_n);
  -- those mails, sent mails past their retention, and unsent ones that waited as long (their links expired)
  DELETE FROM buurt_loket.uitgaand
   WHERE id = ANY (v_mails) OR coalesce(verzonden_op, aangemaakt_op) < now() - v_mailtermijn;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_uit := v_uit || jsonb_build_object('mails', v_n);
  -- the rate limit looks back one hour; a day of rows is enough to see abuse
  DELETE FROM buurt_loket.verzoek WHERE op < now() - interval '1 day';
  GET DIAGNOSTICS v_n = ROW_COUNT;
  v_uit := v_uit || jsonb_build_object('verzoeken', v_n);
  IF EXISTS (SELECT 1 FROM jsonb_each_text(v_uit) e WHERE e.value::integer > 0) THEN
    INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie, nieuw)
    VALUES ('buurt_loket.opschonen', to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'), 'D', v_uit);
  END IF;
  RETURN v_uit;
END
$$;
