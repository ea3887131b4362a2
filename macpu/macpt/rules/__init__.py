"""The MACPT's pure rules: which statutory places a team's current members fill (Children Act 2004 s.16EA(4))."""
