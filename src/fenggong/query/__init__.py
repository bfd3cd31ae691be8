"""Questions over a catalog: selecting tasks, full-text search, counts."""
