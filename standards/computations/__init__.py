"""Computed indicators: small functions over centres and a period, named in `registry.COMPUTATIONS`."""
