"""Tests of fenggong."""
