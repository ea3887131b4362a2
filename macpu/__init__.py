"""macpu: case coordination for England's Multi-Agency Child Protection Units."""
