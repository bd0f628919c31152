"""Search is open to every staff user; results are filtered per record kind by that kind's scope."""

from fazhi.core.access import AUTHENTICATED

SEARCH = AUTHENTICATED
