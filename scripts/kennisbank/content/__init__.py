"""Reading content: collections, entry files, YAML, vocabularies, schemas, the project."""
