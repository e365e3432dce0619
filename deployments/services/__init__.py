"""Every write and every state change in deployments, one module per part of the domain."""

from .projects import *  # noqa: F403
