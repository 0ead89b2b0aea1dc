#include "server/http/RefusalLog.h"

#include "server/ServerLog.h"

#include <QHostAddress>

#include <algorithm>
#include <utility>
#include <vector>

namespace prov::server::http {

namespace {
/// Distinct addresses remembered per interval: a spoofing or widely spread
/// client must not grow the table without bound.
constexpr int kMaxAddresses = 4096;
constexpr int kTopAddresses = 5;
} // namespace

RefusalLog::RefusalLog(int intervalMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefusalLog::flush);
}

RefusalLog::~RefusalLog()
{
    flush();
}

void RefusalLog::count(const QString &reason, const QHostAddress &peer)
{
    ++m_total;
    ++m_reasons[reason];
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    const QString address = isV4 ? QHostAddress(v4).toString() : peer.toString();
    auto it = m_addresses.find(address);
    if (it != m_addresses.end())
        ++it.value();
    else if (m_addresses.size() < kMaxAddresses)
        m_addresses.insert(address, 1);
    else
        ++m_otherAddresses;
    if (!m_timer.isActive()) {
        m_since.start();
        m_timer.start(m_intervalMs);
    }
}

void RefusalLog::flush()
{
    m_timer.stop();
    if (m_total == 0)
        return;
    QStringList reasons;
    for (auto it = m_reasons.cbegin(); it != m_reasons.cend(); ++it)
        reasons.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value()));
    std::vector<std::pair<QString, qint64>> addresses;
    addresses.reserve(size_t(m_addresses.size()));
    for (auto it = m_addresses.cbegin(); it != m_addresses.cend(); ++it)
        addresses.emplace_back(it.key(), it.value());
    const auto top = addresses.begin() + std::min<qsizetype>(kTopAddresses, qsizetype(addresses.size()));
    std::partial_sort(addresses.begin(), top, addresses.end(), [](const auto &a, const auto &b) {
        return a.second > b.second || (a.second == b.second && a.first < b.first);
    });
    QStringList tops;
    for (auto it = addresses.begin(); it != top; ++it)
        tops.append(QStringLiteral("%1 %2").arg(it->first).arg(it->second));
    QString line = QStringLiteral("refused in the last %1 s: %2 (%3); top addresses: %4")
                       .arg((m_since.elapsed() + 999) / 1000)
                       .arg(m_total)
                       .arg(reasons.join(QStringLiteral(", ")), tops.join(QStringLiteral(", ")));
    const qsizetype more = qsizetype(addresses.size()) - (top - addresses.begin());
    if (m_otherAddresses > 0)
        line += QStringLiteral(" and over %1 more").arg(more);
    else if (more > 0)
        line += QStringLiteral(" and %1 more").arg(more);
    qCWarning(lcServerHttp).noquote() << line;
    m_total = 0;
    m_reasons.clear();
    m_addresses.clear();
    m_otherAddresses = 0;
}

} // namespace prov::server::http
