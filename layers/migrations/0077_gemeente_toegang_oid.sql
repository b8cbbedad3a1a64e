-- Mappings keyed by the role's OID (issue 19): a row in buurt_sys.gemeente_toegang used to name its role only,
-- so it outlived DROP ROLE and a role created later under the same name inherited the gemeente. PostgreSQL has no
-- event trigger for DROP ROLE (roles are shared objects), so the OID decides instead: a new role of the same
-- name has a new OID and gets nothing. `rol` stays as the readable name; 080_rls.sql fills rol_oid from it on
-- INSERT (admins keep writing `VALUES ('gis_hilversum', 'GM0402')`).
ALTER TABLE buurt_sys.gemeente_toegang ADD COLUMN rol_oid oid;
UPDATE buurt_sys.gemeente_toegang t SET rol_oid = r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = t.rol;
-- Rows of roles dropped already were exactly the inheritance the issue describes: they go.
DELETE FROM buurt_sys.gemeente_toegang WHERE rol_oid IS NULL;
ALTER TABLE buurt_sys.gemeente_toegang ALTER COLUMN rol_oid SET NOT NULL,
  DROP CONSTRAINT gemeente_toegang_pkey, ADD PRIMARY KEY (rol_oid, gemeentecode);
COMMENT ON COLUMN buurt_sys.gemeente_toegang.rol_oid IS
  'De rol (pg_roles.oid); bij opslaan ingevuld uit rol. Een later gemaakte rol met dezelfde naam krijgt niets.';
