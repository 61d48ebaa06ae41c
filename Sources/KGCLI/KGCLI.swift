// KGCLI: see the module's files.
