"""The workbench: a local, read-only web app over a store (``newsgraph browse``) and the self-contained HTML
export of its graph view (``newsgraph export --format html``)."""
