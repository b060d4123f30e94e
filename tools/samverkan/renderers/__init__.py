"""Adapters that turn the generated pages into a site: the MkDocs plugin (and folder output)."""
