#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QHostAddress;
QT_END_NAMESPACE

namespace prov::server::http {

/// Counts refused requests and connections and logs them as one summary line
/// per interval (only when there were any), so that a guessing or scanning
/// client cannot fill the log: "refused in the last 60 s: 1000 (401
/// Unauthorized: 990, 404 Not Found: 10); top addresses: 192.0.2.7 1000".
/// Whatever is still counted is logged when the object is destroyed.
class RefusalLog : public QObject
{
    Q_OBJECT

public:
    explicit RefusalLog(int intervalMs = 60 * 1000, QObject *parent = nullptr);
    ~RefusalLog() override;

    /// One refusal for `reason` ("401 Unauthorized", "connection over the per-address limit").
    void count(const QString &reason, const QHostAddress &peer);
    /// Logs the summary now (if anything was counted) and starts a new interval.
    void flush();
    /// Refusals counted since the last summary.
    [[nodiscard]] qint64 pending() const { return m_total; }

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_since; ///< the first refusal of the interval
    qint64 m_total = 0;
    QMap<QString, qint64> m_reasons;
    QHash<QString, qint64> m_addresses;
    qint64 m_otherAddresses = 0; ///< refusals from addresses past the table's bound
};

} // namespace prov::server::http
