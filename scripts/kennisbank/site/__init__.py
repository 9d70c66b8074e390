"""Making the site: URLs, pages, facets, charts, exports, handouts, CSP."""
