"""Import from Word and export to PDF, Word and HTML."""
