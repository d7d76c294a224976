"""The lowest layer: errors, the public facts and settings, the workbook contract (schema), the records validation
fills, cell values, reasons in words and the one safe way to write a file. It imports nothing else of the package."""
