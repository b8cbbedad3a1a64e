-- The edition year (peiljaar) of the boundaries as a CHECK, the one place its range is written: the QGIS
-- boundary import kept its own 1980-2100 while the CLI took any number. Both now meet this refusal (in Dutch,
-- through the comment and layers/app/021_controles.sql).
ALTER TABLE buurt.gemeente ADD CONSTRAINT gemeente_peiljaar_check CHECK (peiljaar >= 1980 AND peiljaar <= 2100);
ALTER TABLE buurt.wijk ADD CONSTRAINT wijk_peiljaar_check CHECK (peiljaar >= 1980 AND peiljaar <= 2100);
ALTER TABLE buurt.buurt ADD CONSTRAINT buurt_peiljaar_check CHECK (peiljaar >= 1980 AND peiljaar <= 2100);
COMMENT ON CONSTRAINT gemeente_peiljaar_check ON buurt.gemeente IS
  'Peiljaar {peiljaar} van gemeente {code} ligt buiten de jaren van de CBS-edities ({bereik}). | Geef het jaar van de editie op (peiljaar), of laat het uit de bestandsnaam halen.';
COMMENT ON CONSTRAINT wijk_peiljaar_check ON buurt.wijk IS
  'Peiljaar {peiljaar} van wijk {code} ligt buiten de jaren van de CBS-edities ({bereik}). | Geef het jaar van de editie op (peiljaar), of laat het uit de bestandsnaam halen.';
COMMENT ON CONSTRAINT buurt_peiljaar_check ON buurt.buurt IS
  'Peiljaar {peiljaar} van buurt {code} ligt buiten de jaren van de CBS-edities ({bereik}). | Geef het jaar van de editie op (peiljaar), of laat het uit de bestandsnaam halen.';
