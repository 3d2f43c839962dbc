"""pyqtgraph charts; each takes its data through `set_data(df)` and never queries."""
