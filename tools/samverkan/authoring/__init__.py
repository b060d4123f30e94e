"""Writing commands for owners: new, revise, approve, editing front matter byte for byte."""
