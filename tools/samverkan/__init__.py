"""Samverkanswebben: governing documents for regional collaboration, kept as YAML + Markdown in git.

The core modules (everything except ``mkdocs_plugin`` and ``cli``) never import MkDocs,
so the same content can be checked, reported on and rendered by other front ends.
"""

__version__ = "0.1.0"
