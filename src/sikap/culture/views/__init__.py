"""The culture pages, one module per topic: campaigns, results, plans, links (survey link
sheets) and public (the respondent's survey)."""
