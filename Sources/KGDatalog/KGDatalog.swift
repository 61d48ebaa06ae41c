// KGDatalog: see the module's files.
