#include "scan/ScanKind.h"

#include <QCoreApplication>

namespace prov::gui {

QString scanKindKey(ScanKind kind)
{
    switch (kind) {
    case ScanKind::SlotLabel:
        return QStringLiteral("slot");
    case ScanKind::EmcmId:
        return QStringLiteral("emcm");
    case ScanKind::MeterSerial:
        return QStringLiteral("serial");
    case ScanKind::ConfigAlias:
        return QStringLiteral("config");
    case ScanKind::BatchNumber:
        return QStringLiteral("batch");
    case ScanKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ScanKind scanKindFromKey(const QString &key)
{
    for (ScanKind kind :
        {ScanKind::SlotLabel, ScanKind::EmcmId, ScanKind::MeterSerial, ScanKind::ConfigAlias, ScanKind::BatchNumber}) {
        if (scanKindKey(kind) == key)
            return kind;
    }
    return ScanKind::Unknown;
}

ScanKind scanKindForField(const QString &fieldKey)
{
    if (fieldKey == QLatin1String("partialMcmId") || fieldKey == QLatin1String("emcmId"))
        return ScanKind::EmcmId;
    if (fieldKey == QLatin1String("meterSerial"))
        return ScanKind::MeterSerial;
    return ScanKind::Unknown;
}

QString scanKindName(ScanKind kind)
{
    switch (kind) {
    case ScanKind::SlotLabel:
        return QCoreApplication::translate("ScanKind", "slot label");
    case ScanKind::EmcmId:
        return QCoreApplication::translate("ScanKind", "eMCM ID");
    case ScanKind::MeterSerial:
        return QCoreApplication::translate("ScanKind", "meter serial");
    case ScanKind::ConfigAlias:
        return QCoreApplication::translate("ScanKind", "configuration alias");
    case ScanKind::BatchNumber:
        return QCoreApplication::translate("ScanKind", "batch number");
    case ScanKind::Unknown:
        break;
    }
    return QCoreApplication::translate("ScanKind", "unknown barcode");
}

} // namespace prov::gui
