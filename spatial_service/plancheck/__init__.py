"""Plan check (plantoets) for designers: read a plan file, run the one SQL implementation
(buurt_app.plantoets / publiek.plantoets) and present its findings as GeoJSON or an HTML report."""
