-- Buurtbudget allocation: the year's budget (buurt.budget) spread over the wijken of the gemeente. The formula
-- lives in buurt_app.budget_verdelen; its weights are settings below. A wijk can be marked as priority by hand
-- per year (buurt.prioriteitswijk) or by its indicators (below target on the indicators in
-- budget_prioriteit_indicatoren).
CREATE TABLE buurt.prioriteitswijk (
  wijkcode text NOT NULL REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE CASCADE,
  jaar     smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  reden    text NOT NULL CHECK (btrim(reden) <> ''),
  PRIMARY KEY (wijkcode, jaar)
);

CREATE TABLE buurt.budgetverdeling (
  wijkcode     text NOT NULL REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE CASCADE,
  jaar         smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE CASCADE,
  grondslag    numeric NOT NULL CHECK (grondslag >= 0),   -- inhabitants, or 1 for an equal share
  prioriteit   boolean NOT NULL,
  gewicht      numeric NOT NULL CHECK (gewicht >= 0),     -- grondslag x (1 + extra weight if priority)
  bedrag       numeric(12, 2) NOT NULL CHECK (bedrag >= 0),
  toelichting  text NOT NULL,                             -- which basis, which indicators, which weights
  berekend_op  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (wijkcode, jaar)
);
CREATE INDEX budgetverdeling_gemeente_idx ON buurt.budgetverdeling (gemeentecode, jaar);

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('budget_grondslag', 'inwoners', 'inwoners|gelijk',
   'Basisdeel van het buurtbudget per wijk: naar aantal inwoners of voor elke wijk gelijk.'),
  ('budget_prioriteit_extra', '0.5', 'fractie',
   'Extra gewicht van een prioriteitswijk: 0.5 betekent 1,5 keer het basisdeel naar verhouding.'),
  ('budget_prioriteit_indicatoren', 'sociale_cohesie', 'indicatorcodes, komma-gescheiden',
   'Een wijk is prioriteitswijk als ze op één van deze indicatoren (laatste meting vóór het budgetjaar) de '
   'streefwaarde niet haalt.');
