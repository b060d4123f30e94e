"""Site search: what Pagefind indexes, and the Swedish that makes it find the routine.

Renderer-free: everything here works on a corpus and a built site folder (HTML files),
whichever tool made them. ``indexing.index_site`` is the one entry point; the MkDocs
plugin and ``samverkan search-index`` both call it.
"""
