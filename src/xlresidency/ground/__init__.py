"""Ground truth of the season: where places are and how far apart (``places``), which days are free (``days``), and
what a stop costs (``costs``). Built on ``core`` only."""
