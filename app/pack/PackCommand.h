#pragma once

#include <QStringList>

namespace prov::pack {

/// provstation-pack: `build` a package from options, `verify` one, and (through
/// DemoCommand) `demo-keys` and `demo`. Returns the process exit code; every
/// failure is one line on stderr.
class PackCommand
{
public:
    [[nodiscard]] int run(const QStringList &arguments);

private:
    [[nodiscard]] int build(const QStringList &arguments);
    [[nodiscard]] int verify(const QStringList &arguments);
};

/// Reads `packagePath` back with the package reader and prints its information
/// (provstation-pack checks everything it writes the way the server will).
[[nodiscard]] int verifyAndPrint(const QString &packagePath, const QString &passphraseFile);

} // namespace prov::pack
