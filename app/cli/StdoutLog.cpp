#include "StdoutLog.h"

#include <QDateTime>
#include <QString>

#include <cstdio>

namespace {

QtMessageHandler g_next = nullptr;
int g_minimum = 2;

int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 2;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (severity(type) >= g_minimum) {
        const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
            + (context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }
    if (g_next)
        g_next(type, context, message);
}

} // namespace

StdoutLog::StdoutLog(QtMsgType minimum)
{
    g_minimum = severity(minimum);
    g_next = qInstallMessageHandler(handler);
}

StdoutLog::~StdoutLog()
{
    qInstallMessageHandler(g_next);
    g_next = nullptr;
}
