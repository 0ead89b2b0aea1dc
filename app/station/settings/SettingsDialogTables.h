#pragma once

// What the settings dialog's pages and its load/save share: the slot table's
// and slot group tables' columns and limits, the scan kinds with patterns, plugin secret keys.

#include "scan/ScanKind.h"

#include <QList>
#include <QString>

namespace prov::gui::settingsdialog {

inline constexpr int kMaxSlots = 64;
enum SlotColumn { ColLabel, ColKind, ColValue, ColFamily, ColOperation, ColGroup, ColFound, SlotColumns };
enum GroupColumn { GroupName, GroupJoinTimeout, GroupFactoryConfig, GroupSkipKeys, GroupSkipLock, GroupColumns };

inline const QList<ScanKind> kPatternKinds
    = {ScanKind::SlotLabel, ScanKind::EmcmId, ScanKind::MeterSerial, ScanKind::ConfigAlias, ScanKind::BatchNumber};

inline QString pluginSecretKey(const QString &plugin, const QString &key)
{
    return QStringLiteral("plugin.%1.%2").arg(plugin, key);
}

} // namespace prov::gui::settingsdialog
