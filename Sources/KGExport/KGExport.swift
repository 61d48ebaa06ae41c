// KGExport: see the module's files.
