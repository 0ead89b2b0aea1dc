#include "support/SqliteWal.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace prov {

bool switchToWal(QSqlDatabase &db, int timeoutMs, QString *why)
{
    const auto isWal = [](QSqlQuery &q) {
        return q.next() && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
    };
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        {
            QSqlQuery mode(db);
            if (mode.exec(QStringLiteral("PRAGMA journal_mode")) && isWal(mode))
                return true;
        }
        QSqlQuery set(db);
        if (set.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && isWal(set))
            return true;
        if (why)
            *why = set.lastError().isValid()
                ? set.lastError().text().trimmed()
                : QStringLiteral("the journal mode stayed %1").arg(set.value(0).toString());
        if (clock.elapsed() >= timeoutMs)
            return false;
        QThread::msleep(10);
    }
}

} // namespace prov
