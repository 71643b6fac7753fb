LIMIT = 50
SEARCH = "Search the catalogue " "for a term"
