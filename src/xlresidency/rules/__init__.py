"""The rules, pure and vectorised: validation of the raw tables into a ``Season``, then fit, the application model,
the second-look decision, trip placement, fees, emails with their policy check, and the visit guide."""
