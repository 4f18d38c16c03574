"""How text becomes search terms: shared by the indexer (store) and the querier (search)."""
