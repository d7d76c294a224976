"""The Residency ribbon add-in: building, installing and checking ``xlresidency.xlam`` (``xlam``) and rewriting its
VBA project (``vbaproject``, on the compound file reader and writer ``cfb``)."""
