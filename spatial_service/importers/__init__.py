"""Importers: read files (fiona, osmium, csv), stream them into a staging table and let the SQL merge in
layers/app/070_import.sql decide. Python never validates a record itself."""
