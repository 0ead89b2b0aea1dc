#include "scan/ScanClassifier.h"

#include <QCoreApplication>

namespace prov::gui {

ScanClassifier::ScanClassifier()
{
    const Status status = setPatterns(defaultPatterns({}));
    Q_ASSERT(status.ok());
    Q_UNUSED(status)
}

QList<ScanPattern> ScanClassifier::defaultPatterns(const QList<engine::PluginDescription> &plugins)
{
    QList<ScanPattern> patterns {
        {ScanKind::SlotLabel, QStringLiteral("(?i)SLOT[-: ]?(?<value>\\d{1,2})")},
        {ScanKind::ConfigAlias, QStringLiteral("(?i)CFG[:-](?<value>\\S.*)")},
        {ScanKind::BatchNumber, QStringLiteral("(?i)(?:BATCH|SO)[:-](?<value>\\S+)")},
    };
    for (ScanKind kind : {ScanKind::EmcmId, ScanKind::MeterSerial}) {
        for (const engine::PluginDescription &plugin : plugins) {
            for (const engine::ScanField &field : plugin.scans) {
                const ScanPattern pattern {kind, field.pattern};
                if (scanKindForField(field.key) == kind && !field.pattern.isEmpty() && !patterns.contains(pattern))
                    patterns.append(pattern);
            }
        }
    }
    return patterns;
}

Status ScanClassifier::setPatterns(const QList<ScanPattern> &patterns)
{
    QList<QRegularExpression> compiled;
    for (const ScanPattern &p : patterns) {
        if (p.kind == ScanKind::Unknown)
            return makeError(ResultCode::InvalidArguments,
                QCoreApplication::translate("ScanClassifier", "scan pattern \"%1\" has no kind").arg(p.pattern));
        QRegularExpression re(QRegularExpression::anchoredPattern(p.pattern));
        if (!re.isValid())
            return makeError(ResultCode::InvalidArguments,
                QCoreApplication::translate("ScanClassifier", "scan pattern \"%1\" for %2 is invalid: %3 at %4")
                    .arg(p.pattern, scanKindName(p.kind), re.errorString())
                    .arg(re.patternErrorOffset()));
        compiled.append(re);
    }
    m_patterns = patterns;
    m_compiled = compiled;
    return {};
}

ClassifiedScan ScanClassifier::classify(const QString &text) const
{
    ClassifiedScan result;
    result.text = text.trimmed();
    for (qsizetype i = 0; i < m_compiled.size(); ++i) {
        const QRegularExpressionMatch match = m_compiled.at(i).match(result.text);
        if (!match.hasMatch())
            continue;
        result.kind = m_patterns.at(i).kind;
        if (m_compiled.at(i).namedCaptureGroups().contains(QStringLiteral("value")) && match.hasCaptured(u"value"))
            result.value = match.captured(u"value");
        else if (m_compiled.at(i).captureCount() >= 1 && match.hasCaptured(1))
            result.value = match.captured(1);
        else
            result.value = result.text;
        return result;
    }
    return result;
}

} // namespace prov::gui
