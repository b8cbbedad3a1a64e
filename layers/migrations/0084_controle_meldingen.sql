-- The Dutch refusal of every CHECK constraint, as the constraint's comment: layers/app/021_controles.sql gives
-- each table with CHECKs a BEFORE trigger that raises this text (SQLSTATE 23514, the constraint's name) before
-- PostgreSQL's own English "violates check constraint" could. {kolom} is the refused row's value of that column
-- ("leeg" when NULL), {bereik} the range a "x >= a AND y <= b" CHECK allows, read from the constraint itself.
-- Text after " | " is the hint. A new CHECK gets its COMMENT in the same changelog (tests/db/test_refusals.py).
COMMENT ON CONSTRAINT wijziging_actie_check ON buurt_sys.wijziging IS
  'Actie "{actie}" in het wijzigingslogboek is onbekend: alleen I (nieuw), U (gewijzigd) of D (verwijderd).';
COMMENT ON CONSTRAINT gemeente_toegang_gemeentecode_check ON buurt_sys.gemeente_toegang IS
  'Gemeentecode "{gemeentecode}" is geen gemeentecode: verwacht GM en 4 cijfers (bv. GM0402), of * voor alle gemeenten.';
COMMENT ON CONSTRAINT gemeente_toegang_rol_check ON buurt_sys.gemeente_toegang IS
  'Rol "{rol}" is geen geldige rolnaam: kleine letters, cijfers, _ en $, beginnend met een letter of _.';

COMMENT ON CONSTRAINT thema_code_check ON buurt_vl.thema IS
  'Themacode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT thema_kleur_check ON buurt_vl.thema IS
  'Kleur "{kleur}" van thema {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters (bv. #1b9e77).';
COMMENT ON CONSTRAINT status_code_check ON buurt_vl.status IS
  'Statuscode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT status_kleur_check ON buurt_vl.status IS
  'Kleur "{kleur}" van status {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters (bv. #1b9e77).';
COMMENT ON CONSTRAINT status_overgang_check ON buurt_vl.status_overgang IS
  'Een statusovergang van {van} naar {naar} gaat nergens heen: kies een andere status als doel.';
COMMENT ON CONSTRAINT partij_code_check ON buurt_vl.partij IS
  'Partijcode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT objectsoort_code_check ON buurt_vl.objectsoort IS
  'Objectsoortcode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT objectsoort_geometrietypes_check ON buurt_vl.objectsoort IS
  'Geometrietypes {geometrietypes} van objectsoort {code}: kies er minstens één uit POINT, LINESTRING en MULTIPOLYGON.';
COMMENT ON CONSTRAINT objectsoort_grootte_check ON buurt_vl.objectsoort IS
  'Symboolgrootte {grootte} van objectsoort {code} moet groter dan 0 en hoogstens 10 (mm) zijn.';
COMMENT ON CONSTRAINT objectsoort_kleur_check ON buurt_vl.objectsoort IS
  'Kleur "{kleur}" van objectsoort {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters.';
COMMENT ON CONSTRAINT objectsoort_osm_tags_check ON buurt_vl.objectsoort IS
  'De OSM-tags van objectsoort {code} bevatten een lege waarde (NULL): laat die weg.';
COMMENT ON CONSTRAINT objectsoort_rand_check ON buurt_vl.objectsoort IS
  'Randkleur "{rand}" van objectsoort {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters.';
COMMENT ON CONSTRAINT objectsoort_symbool_check ON buurt_vl.objectsoort IS
  'Symbool "{symbool}" van objectsoort {code} is onbekend: kies circle, square, triangle, diamond, star, pentagon of hexagon.';
COMMENT ON CONSTRAINT indicator_code_check ON buurt_vl.indicator IS
  'Indicatorcode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT indicator_decimalen_check ON buurt_vl.indicator IS
  'Indicator {code}: het aantal decimalen ({decimalen}) moet van 0 tot en met 4 zijn.';
COMMENT ON CONSTRAINT ernst_code_check ON buurt_vl.ernst IS
  'Ernstcode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT ernst_kleur_check ON buurt_vl.ernst IS
  'Kleur "{kleur}" van ernst {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters.';
COMMENT ON CONSTRAINT herkomst_code_check ON buurt_vl.herkomst IS
  'Herkomstcode "{code}" mag alleen kleine letters, cijfers en _ bevatten.';
COMMENT ON CONSTRAINT evaluatie_code_check ON buurt_vl.evaluatie IS
  'Evaluatiecode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT evaluatie_kleur_check ON buurt_vl.evaluatie IS
  'Kleur "{kleur}" van evaluatie {code} is geen kleur: verwacht # en 6 hexadecimale cijfers in kleine letters.';
COMMENT ON CONSTRAINT kleurenschaal_code_check ON buurt_vl.kleurenschaal IS
  'Kleurenschaalcode "{code}" mag alleen kleine letters en _ bevatten.';
COMMENT ON CONSTRAINT kleurenschaal_kleuren_check ON buurt_vl.kleurenschaal IS
  'Kleurenschaal {code} heeft precies 5 kleuren nodig, elk # en 6 hexadecimale cijfers in kleine letters (nu: {kleuren}).';

COMMENT ON CONSTRAINT gemeente_code_check ON buurt.gemeente IS
  'Gemeentecode "{code}" is geen gemeentecode: verwacht GM en 4 cijfers (bv. GM0402).';
COMMENT ON CONSTRAINT gebied_code_check ON buurt.gebied IS
  'Gebiedscode "{code}" mag alleen letters, cijfers, _ en - bevatten.';
COMMENT ON CONSTRAINT wijk_code_check ON buurt.wijk IS
  'Wijkcode "{code}" is geen wijkcode: verwacht WK en 6 cijfers (bv. WK040201).';
COMMENT ON CONSTRAINT wijk_code_in_gemeente ON buurt.wijk IS
  'Wijk {code} hoort niet bij gemeente {gemeentecode}: cijfers 1-4 van de wijkcode zijn die van de gemeente.';
COMMENT ON CONSTRAINT buurt_code_check ON buurt.buurt IS
  'Buurtcode "{code}" is geen buurtcode: verwacht BU en 8 cijfers (bv. BU04020101).';
COMMENT ON CONSTRAINT buurt_code_in_wijk ON buurt.buurt IS
  'Buurt {code} hoort niet bij wijk {wijkcode}: cijfers 1-6 van de buurtcode zijn die van de wijk.';
COMMENT ON CONSTRAINT initiatief_begroting_check ON buurt.initiatief IS
  'De begroting van een initiatief kan niet negatief zijn (nu {begroting}).';
COMMENT ON CONSTRAINT initiatief_geometrietype ON buurt.initiatief IS
  'Een initiatief is een punt of een vlak, geen ander geometrietype.';
COMMENT ON CONSTRAINT initiatief_planjaar_check ON buurt.initiatief IS
  'Planjaar {planjaar} ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT initiatief_titel_check ON buurt.initiatief IS
  'Een initiatief heeft een titel nodig: de titel is leeg.';
COMMENT ON CONSTRAINT buurtdeal_budget_gemeente_check ON buurt.buurtdeal IS
  'Het budget van de gemeente kan niet negatief zijn (nu {budget_gemeente}).';
COMMENT ON CONSTRAINT buurtdeal_geometrietype ON buurt.buurtdeal IS
  'Een buurtdeal is een punt of een vlak, geen ander geometrietype.';
COMMENT ON CONSTRAINT buurtdeal_jaar_check ON buurt.buurtdeal IS
  'Jaar {jaar} van de buurtdeal ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT buurtdeal_titel_check ON buurt.buurtdeal IS
  'Een buurtdeal heeft een titel nodig: de titel is leeg.';
COMMENT ON CONSTRAINT afspraak_omschrijving_check ON buurt.afspraak IS
  'Een afspraak heeft een omschrijving nodig: de omschrijving is leeg. | Beschrijf wat de partij ({partij}) afspreekt.';
COMMENT ON CONSTRAINT beheerobject_geometrietype ON buurt.beheerobject IS
  'Een beheerobject is een punt, een lijn of een vlak, geen ander geometrietype.';
COMMENT ON CONSTRAINT budget_bedrag_check ON buurt.budget IS
  'Een budget kan niet negatief zijn (nu {bedrag}).';
COMMENT ON CONSTRAINT budget_jaar_check ON buurt.budget IS
  'Budgetjaar {jaar} ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT buurtcijfer_jaar_check ON buurt.buurtcijfer IS
  'Jaar {jaar} van het buurtcijfer ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT peiling_neutraal_check ON buurt.peiling IS
  'Het aantal neutrale stemmen kan niet negatief zijn (nu {neutraal}).';
COMMENT ON CONSTRAINT peiling_respondenten ON buurt.peiling IS
  'Meer stemmen ({voor} voor, {tegen} tegen, {neutraal} neutraal) dan respondenten ({respondenten}).';
COMMENT ON CONSTRAINT peiling_tegen_check ON buurt.peiling IS
  'Het aantal tegenstemmen kan niet negatief zijn (nu {tegen}).';
COMMENT ON CONSTRAINT peiling_voor_check ON buurt.peiling IS
  'Het aantal voorstemmen kan niet negatief zijn (nu {voor}).';
COMMENT ON CONSTRAINT wijkagenda_check ON buurt.wijkagenda IS
  'De wijkagenda eindigt ({jaar_tot}) voordat hij begint ({jaar_van}).';
COMMENT ON CONSTRAINT wijkagenda_jaren ON buurt.wijkagenda IS
  'De jaren van de wijkagenda ({jaar_van}-{jaar_tot}) liggen buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT wijkagenda_prioriteit_check ON buurt.wijkagenda IS
  'Een wijkagenda heeft een prioriteit nodig: de prioriteit is leeg.';
COMMENT ON CONSTRAINT jaarschijf_doel_check ON buurt.jaarschijf IS
  'Een jaarschijf heeft een doel nodig: het doel is leeg.';
COMMENT ON CONSTRAINT jaarschijf_streefwaarde ON buurt.jaarschijf IS
  'Een streefwaarde ({streefwaarde}) hoort bij een indicator: kies de indicator of laat de streefwaarde leeg.';
COMMENT ON CONSTRAINT statusverloop_een_object ON buurt.statusverloop IS
  'Een regel in het statusverloop hoort bij precies één initiatief of één buurtdeal.';
COMMENT ON CONSTRAINT jaarverslag_jaar_check ON buurt.jaarverslag IS
  'Jaar {jaar} van het jaarverslag ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT jaarverslag_lessen_check ON buurt.jaarverslag IS
  'De lessen van het jaarverslag zijn leeg: schrijf ze op of laat het veld weg.';
COMMENT ON CONSTRAINT wijkcijfer_jaar_check ON buurt.wijkcijfer IS
  'Jaar {jaar} van het wijkcijfer ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT gemeentecijfer_jaar_check ON buurt.gemeentecijfer IS
  'Jaar {jaar} van het gemeentecijfer ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT prioriteitswijk_jaar_check ON buurt.prioriteitswijk IS
  'Jaar {jaar} van de prioriteitswijk ligt buiten de toegestane jaren ({bereik}).';
COMMENT ON CONSTRAINT prioriteitswijk_reden_check ON buurt.prioriteitswijk IS
  'Een prioriteitswijk heeft een reden nodig: de reden is leeg.';
COMMENT ON CONSTRAINT budgetverdeling_bedrag_check ON buurt.budgetverdeling IS
  'Een bedrag in de budgetverdeling kan niet negatief zijn (nu {bedrag}).';
COMMENT ON CONSTRAINT budgetverdeling_gewicht_check ON buurt.budgetverdeling IS
  'Een gewicht in de budgetverdeling kan niet negatief zijn (nu {gewicht}).';
COMMENT ON CONSTRAINT budgetverdeling_grondslag_check ON buurt.budgetverdeling IS
  'Een grondslag in de budgetverdeling kan niet negatief zijn (nu {grondslag}).';
COMMENT ON CONSTRAINT budgetverdeling_jaar_check ON buurt.budgetverdeling IS
  'Jaar {jaar} van de budgetverdeling ligt buiten de toegestane jaren ({bereik}).';
