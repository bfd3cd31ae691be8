"""Layouts: how a plan is laid out in a document, read from it into an ``Outline``."""
