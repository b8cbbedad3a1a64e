"""The werkbak (issue 22): the web workbench of wijkteams and buurtcoördinatoren under /werkbak/.

Who is who is PostgreSQL's: a user is a login role in buurtkaart_wijkteam, its password is checked by connecting
as that role (pg_hba.conf decides how), and every query of the user runs as that role on the pool role
buurtkaart_werkbak (SET LOCAL ROLE), so row-level security, every rule and the audit trail name the person.

Modules: `sessie.py` (the logged-in user, sessions, `als()`, CSRF, forms), `pagina.py` (the frame of every page),
`inloggen.py` (login, logout, logout everywhere; the pool's lifespan). The pages themselves (inbox, item, deal,
lists) are modules of their own beside these, each with `routes()` in app.ROUTE_MODULES.
"""

from __future__ import annotations

from spatial_service.web.werkbak.sessie import EXCEPTION_HANDLERS

__all__ = ["EXCEPTION_HANDLERS"]
