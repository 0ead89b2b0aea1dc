#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QString>

namespace prov::transport {

/// What a meter says it is: the start of its ANSI C12.19 standard table 1,
/// GENERAL_MFG_ID_TBL (manufacturer, model, hardware and firmware version and
/// revision, serial number). The optical port reads it in the C12.18 session;
/// an eMCM reads it over its meter link and passes it on (MeterIdentify).
struct MeterIdentification
{
    /// MANUFACTURER (4) + ED_MODEL (8) + 4 version bytes; the serial (16) may follow.
    static constexpr qsizetype kMinTableSize = 16;
    static constexpr qsizetype kMaxTableSize = 64;

    QString manufacturer; ///< "GE", trailing spaces and NULs removed
    QString model; ///< "KV2C", likewise
    QString serial; ///< MFG_SERIAL_NUMBER, may be empty
    quint8 hardwareVersion = 0;
    quint8 hardwareRevision = 0;
    quint8 firmwareVersion = 0;
    quint8 firmwareRevision = 0;

    /// Reads the table's bytes; an error names what is wrong with them.
    [[nodiscard]] static Result<MeterIdentification> fromTable(QByteArrayView table);
    /// The table's bytes (the simulator's meters answer with them).
    [[nodiscard]] static QByteArray toTable(const QString &manufacturer, const QString &model, const QString &serial);
    /// "manufacturer GE, model KV2C, serial M000000001"
    [[nodiscard]] QString toString() const;
};

} // namespace prov::transport
