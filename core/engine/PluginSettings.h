#pragma once

#include "domain/Result.h"
#include "engine/PluginDescription.h"

#include <QVariantMap>

namespace prov::engine {

/// A meter plugin's settings typed by its schema, from the text a command
/// line or a settings file gives (`--set blockWindow=8`, QSettings' "8") or
/// from values already typed. Numbers, booleans and choices are read with the
/// spaces around them ignored; texts and passwords are kept as given (a
/// C12.18 password may end in spaces). The error names the key and the value.
namespace PluginSettings {

/// What to do with a key the plugin's schema does not have.
enum class Unknown {
    Refuse, ///< asked for by name (--set): a typo must not pass unnoticed
    Skip, ///< a station's saved defaults: another version of the plugin may lack the key
};

/// One value as `spec` types it, checked against its type, options and range.
[[nodiscard]] Result<QVariant> typed(const SettingSpec &spec, const QVariant &value);

/// Every value of `values` typed and checked; keys the plugin lacks as `unknown` says.
[[nodiscard]] Result<QVariantMap> typed(const PluginDescription &plugin, const QVariantMap &values, Unknown unknown);

} // namespace PluginSettings

} // namespace prov::engine
