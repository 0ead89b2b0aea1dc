// provstation-cli-crashtest: provstation-cli built from the same objects, which
// kills itself with SIGKILL, as `kill -9` would, at the step boundary that
// PROVSTATION_TEST_KILL_AT names ("before:WriteKeys", "after:VerifyKeys", ...).
// tst_clicrash runs it; the shipped program has no such hook.
#include "CliMain.h"

#include <QByteArray>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    const QString killAt = QString::fromLocal8Bit(qgetenv("PROVSTATION_TEST_KILL_AT"));
    return cliMain(argc, argv, [killAt](const QString &boundary) {
        if (killAt.isEmpty() || boundary != killAt)
            return;
        std::fprintf(stderr, "test hook: killing myself at %s\n", qPrintable(boundary));
        std::fflush(stderr);
        std::raise(SIGKILL);
    });
}
