"""Every write and every state change in deployments, one module per part of the domain."""

from .applications import *  # noqa: F403
from .partnerships import *  # noqa: F403
from .placements import *  # noqa: F403
from .projects import *  # noqa: F403
from .reminders import *  # noqa: F403
