"""Excel through xlwings: the adapter that regenerates an open workbook (``book``), the cell functions (``udfs``)
and the xlwings Lite bundle (``lite``)."""
