#pragma once

#include <QtGlobal>

/// cli.md: diagnostics go to stdout at --verbosity (0 critical, 1 warnings,
/// 2 debug); stderr is kept for the one error line per failure. Installed
/// after the LogSink (which writes --logfile) and hands every message on to it.
class StdoutLog
{
public:
    explicit StdoutLog(QtMsgType minimum);
    ~StdoutLog();
    StdoutLog(const StdoutLog &) = delete;
    StdoutLog &operator=(const StdoutLog &) = delete;
};
