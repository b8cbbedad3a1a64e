-- publiek.buurt counts each buurt's published deals (aantal_buurtdeals, budget_buurtdeals) for every buurt in a
-- tile. Without an index on buurtcode that was a scan of all deals per buurt: on the national data (20,000 deals)
-- 8 ms for a z14 buurten tile and 58 ms at z11, 70 % of all tile time; with it 1.1 and 5.6 ms
-- (benchmarks/tiles_nederland.py). The wijk and gemeente lookups already had theirs.
CREATE INDEX buurtdeal_buurt_idx ON buurt.buurtdeal (buurtcode);
