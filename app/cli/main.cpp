// provstation-cli: the command-line station (docs/contracts/cli.md). The work
// is in CliMain, CliRunner and core/engine.
#include "CliMain.h"

int main(int argc, char *argv[])
{
    return cliMain(argc, argv);
}
