"""The published site as Markdown pages made from the corpus (core: no MkDocs here).

``pages.site_pages`` yields every generated page; the MkDocs adapter hands them to the
build as virtual files. Links between pages are ordinary relative Markdown links to the
``.md`` paths, so any Markdown site generator can resolve them.
"""
