import KGCLI
#if canImport(Glibc)
import Glibc
#endif

exit(KGCommandLine.run(Array(CommandLine.arguments.dropFirst())))
