"""The statutory pathway's pure rules: timescales, due dates, deadlines and the review schedule."""
