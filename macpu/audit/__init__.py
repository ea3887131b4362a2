"""The audit log. Write to it only through `macpu.audit.trail.record`."""
