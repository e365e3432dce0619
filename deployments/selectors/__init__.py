"""Read queries for deployments, one module per part of the domain."""

from .applications import *  # noqa: F403
from .dashboard import *  # noqa: F403
from .matching import *  # noqa: F403
from .placements import *  # noqa: F403
from .projects import *  # noqa: F403
