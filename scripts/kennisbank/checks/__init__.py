"""Checking content: schema, vocabularies, links, body safety, personal data, problems."""
