"""Pure rules of bulk linkage: cleaning of extract values, the comparison levels, the hard rules."""
