"""Bulk linkage of agency extracts (`macpu link`)."""
