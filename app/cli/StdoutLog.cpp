#include "StdoutLog.h"

#include "support/LogSink.h"

#include <QString>

#include <cstdio>

namespace {

QtMessageHandler g_next = nullptr;
int g_minimum = 2;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (prov::LogSink::severity(type) >= g_minimum) {
        const QByteArray line = prov::LogSink::formatLine(type, context, message);
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }
    if (g_next)
        g_next(type, context, message);
}

} // namespace

StdoutLog::StdoutLog(QtMsgType minimum)
{
    g_minimum = prov::LogSink::severity(minimum);
    g_next = qInstallMessageHandler(handler);
}

StdoutLog::~StdoutLog()
{
    qInstallMessageHandler(g_next);
    g_next = nullptr;
}
