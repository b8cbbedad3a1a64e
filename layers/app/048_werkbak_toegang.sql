-- PLACEHOLDER until branch werkbak-toegang lands (it owns this file): the wijken of the current role.
CREATE SCHEMA IF NOT EXISTS werkbak;
CREATE FUNCTION werkbak.mijn_wijken() RETURNS SETOF text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT w.code FROM buurt.wijk w WHERE w.gemeentecode = ANY (buurt_app.mijn_gemeenten());
END
$$;
