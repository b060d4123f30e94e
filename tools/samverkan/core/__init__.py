"""The pure core: model, schemas, reading, checks, revision rules and reports. No MkDocs, no clock."""
