"""The workbook file: reading its tables, writing the output sheets into its package part by part, importing a
program list, building the template and the demo season. openpyxl is loaded only by the template builder."""
