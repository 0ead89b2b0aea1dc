#pragma once

#include <QMetaType>
#include <QString>

namespace prov::gui {

/// What a barcode says it is, decided by the configured patterns.
enum class ScanKind {
    Unknown,
    SlotLabel, ///< arms a slot: the next device scan goes to it
    EmcmId, ///< the eMCM (host) ID printed on the module: becomes the partial MCM ID check
    MeterSerial, ///< the meter's serial number
    ConfigAlias, ///< selects the configuration by alias
    BatchNumber, ///< sets the batch (sales order)
};

/// Stable key used in settings ("slot", "emcm", "serial", "config", "batch").
[[nodiscard]] QString scanKindKey(ScanKind kind);
[[nodiscard]] ScanKind scanKindFromKey(const QString &key);
/// Translated name for the operator ("eMCM ID").
[[nodiscard]] QString scanKindName(ScanKind kind);
/// The kind of label that fills a plugin's scan field ("partialMcmId" →
/// EmcmId), Unknown for a field the router does not route.
[[nodiscard]] ScanKind scanKindForField(const QString &fieldKey);

} // namespace prov::gui

Q_DECLARE_METATYPE(prov::gui::ScanKind)
