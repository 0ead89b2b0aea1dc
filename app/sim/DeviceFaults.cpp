#include "DeviceFaults.h"

#include <QRegularExpression>

namespace prov::sim {

namespace {

Error faultError(QStringView text, const QString &why)
{
    return makeError(ResultCode::InvalidArguments, QStringLiteral("--fault \"%1\": %2").arg(text.toString(), why));
}

bool parseRate(const QString &value, double *rate)
{
    bool ok = false;
    const double v = value.toDouble(&ok);
    if (!ok || !(v >= 0.0) || v > 1.0)
        return false;
    *rate = v;
    return true;
}

bool parseSeconds(const QString &value, double *seconds)
{
    bool ok = false;
    const double v = value.toDouble(&ok);
    if (!ok || !(v >= 0.0) || v > 86400.0)
        return false;
    *seconds = v;
    return true;
}

// Keys that are plain switches: "silent" or "silent=1"/"silent=0".
const QStringList kSwitches = {QStringLiteral("silent"), QStringLiteral("wrong-hw"), QStringLiteral("hw-fail"),
    QStringLiteral("meter-link-down"), QStringLiteral("never-join"), QStringLiteral("flash-corrupt"),
    QStringLiteral("lock-fail")};

} // namespace

Result<FaultRule> FaultRule::parse(QStringView text)
{
    FaultRule rule;
    rule.m_text = text.toString();
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0 || colon == text.size() - 1)
        return faultError(text, QStringLiteral("expected TARGET:key[=value][,key[=value]...]"));
    const QString target = text.first(colon).toString();
    static const QRegularExpression kTarget(QStringLiteral("^(\\*|[a-z0-9]+)(?:#(\\d{1,4}))?$"));
    const QRegularExpressionMatch m = kTarget.match(target);
    if (!m.hasMatch())
        return faultError(text, QStringLiteral("target \"%1\" is not MODEL, MODEL#N or *").arg(target));
    if (m.captured(1) != QStringLiteral("*"))
        rule.m_model = m.captured(1);
    if (m.hasCaptured(2)) {
        if (rule.m_model.isEmpty())
            return faultError(text, QStringLiteral("\"*\" takes no #N"));
        rule.m_index = m.captured(2).toInt();
    }

    const QList<QStringView> items = text.sliced(colon + 1).split(u',');
    for (QStringView item : items) {
        const qsizetype eq = item.indexOf(u'=');
        const QString key = (eq < 0 ? item : item.first(eq)).toString();
        const QString value = eq < 0 ? QString() : item.sliced(eq + 1).toString();
        double number = 0.0;
        if (kSwitches.contains(key)) {
            if (!value.isEmpty() && value != QStringLiteral("1") && value != QStringLiteral("0"))
                return faultError(text, QStringLiteral("%1 takes no value or 0/1").arg(key));
        } else if (key == QStringLiteral("ber") || key == QStringLiteral("drop")) {
            if (!parseRate(value, &number))
                return faultError(text, QStringLiteral("%1 wants a probability 0..1, e.g. %1=1e-5").arg(key));
        } else if (key == QStringLiteral("join-after")) {
            if (!parseSeconds(value, &number))
                return faultError(text, QStringLiteral("join-after wants seconds, e.g. join-after=2.5"));
        } else if (key == QStringLiteral("reset-during-fw")) {
            if (!value.isEmpty() && (!parseRate(value, &number) || number <= 0.0 || number >= 1.0))
                return faultError(text, QStringLiteral("reset-during-fw wants a fraction between 0 and 1"));
        } else if (key == QStringLiteral("calibration")) {
            if (value != QStringLiteral("valid") && value != QStringLiteral("invalid")
                && value != QStringLiteral("uncalibrated"))
                return faultError(text, QStringLiteral("calibration wants valid, invalid or uncalibrated"));
        } else {
            return faultError(text, QStringLiteral("unknown fault \"%1\"").arg(key));
        }
        rule.m_settings.append({key, value});
    }
    return rule;
}

bool FaultRule::matches(const QString &model, int index) const
{
    if (!m_model.isEmpty() && m_model != model)
        return false;
    return m_index < 0 || m_index == index;
}

void FaultRule::applyTo(DeviceFaults *f) const
{
    for (const auto &[key, value] : m_settings) {
        const bool on = value != QStringLiteral("0");
        if (key == QStringLiteral("silent"))
            f->silent = on;
        else if (key == QStringLiteral("wrong-hw"))
            f->wrongHardware = on;
        else if (key == QStringLiteral("hw-fail"))
            f->hardwareFailure = on;
        else if (key == QStringLiteral("meter-link-down"))
            f->meterLinkDown = on;
        else if (key == QStringLiteral("never-join"))
            f->neverJoin = on;
        else if (key == QStringLiteral("flash-corrupt"))
            f->flashCorrupt = on;
        else if (key == QStringLiteral("lock-fail"))
            f->lockFails = on;
        else if (key == QStringLiteral("ber"))
            f->bitErrorRate = value.toDouble();
        else if (key == QStringLiteral("drop"))
            f->dropRate = value.toDouble();
        else if (key == QStringLiteral("join-after"))
            f->joinAfterSeconds = value.toDouble();
        else if (key == QStringLiteral("reset-during-fw"))
            f->resetDuringFirmware = value.isEmpty() ? 0.5 : value.toDouble();
        else if (key == QStringLiteral("calibration"))
            f->calibration = value == QStringLiteral("valid") ? protocol::CalibrationState::Valid
                : value == QStringLiteral("invalid")          ? protocol::CalibrationState::Invalid
                                                              : protocol::CalibrationState::Uncalibrated;
    }
}

} // namespace prov::sim
