#pragma once

#include <QStringList>

namespace prov::pack {

/// Throwaway material for demos and tests: `demo-keys` (KMS and app key pairs)
/// and `demo` (keys, passphrase, random firmware and configuration files, and a
/// complete package built from them). Never for a real line: the private keys
/// are written unencrypted (owner-only).
class DemoCommand
{
public:
    [[nodiscard]] int demoKeys(const QStringList &arguments);
    [[nodiscard]] int demo(const QStringList &arguments);
};

} // namespace prov::pack
