"""Read queries for deployments, one module per part of the domain."""

from .projects import *  # noqa: F403
