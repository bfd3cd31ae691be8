"""Layouts: how a plan is laid out in a document (a column table, numbered prose)."""
