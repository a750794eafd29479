"""Stored records out, one module per kind:

    claims.py    claims as the spec's JSON Lines, JSON, CSV, and readable lines
    events.py    events as JSON, JSON Lines, CSV, ACLED-like CSV, GeoJSON, and readable text
    parquet.py   claims as Parquet partitioned by category (pyarrow, loaded only when it writes)
    cli.py       `claimledger export claims` and `claimledger export events`

    from claimledger.export.claims import write_jsonl
    with open_store("claimledger.db") as store:
        write_jsonl(store.claims(), sys.stdout)

Nothing is imported here, so each module loads only what it needs.
"""
