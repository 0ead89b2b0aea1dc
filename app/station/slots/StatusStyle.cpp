#include "slots/StatusStyle.h"

#include <QCoreApplication>

namespace prov::gui {

QColor StatusStyle::background(SlotStatus status)
{
    switch (status) {
    case SlotStatus::Idle:
        return QColor(0x5f, 0x6b, 0x73); // slate grey
    case SlotStatus::Running:
        return QColor(0x00, 0x72, 0xb2); // Okabe-Ito blue
    case SlotStatus::Pass:
        return QColor(0x00, 0x9e, 0x73); // bluish green
    case SlotStatus::Fail:
        return QColor(0xd5, 0x5e, 0x00); // vermillion
    case SlotStatus::Attention:
        return QColor(0xe6, 0x9f, 0x00); // orange
    }
    return Qt::gray;
}

QColor StatusStyle::foreground(SlotStatus status)
{
    return status == SlotStatus::Attention ? QColor(Qt::black) : QColor(Qt::white);
}

QString StatusStyle::text(SlotStatus status)
{
    switch (status) {
    case SlotStatus::Idle:
        return QCoreApplication::translate("SlotStatus", "IDLE");
    case SlotStatus::Running:
        return QCoreApplication::translate("SlotStatus", "RUNNING");
    case SlotStatus::Pass:
        return QCoreApplication::translate("SlotStatus", "PASS");
    case SlotStatus::Fail:
        return QCoreApplication::translate("SlotStatus", "FAIL");
    case SlotStatus::Attention:
        return QCoreApplication::translate("SlotStatus", "NEEDS ATTENTION");
    }
    return {};
}

QString StatusStyle::key(SlotStatus status)
{
    switch (status) {
    case SlotStatus::Idle:
        return QStringLiteral("idle");
    case SlotStatus::Running:
        return QStringLiteral("running");
    case SlotStatus::Pass:
        return QStringLiteral("pass");
    case SlotStatus::Fail:
        return QStringLiteral("fail");
    case SlotStatus::Attention:
        return QStringLiteral("attention");
    }
    return {};
}

QString StatusStyle::iconPath(SlotStatus status)
{
    return QStringLiteral(":/provstation/icons/status-%1.png").arg(key(status));
}

QIcon StatusStyle::icon(SlotStatus status)
{
    return QIcon(iconPath(status));
}

} // namespace prov::gui
