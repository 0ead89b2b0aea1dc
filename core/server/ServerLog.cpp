#include "server/ServerLog.h"

// The server's own messages and access log are on unless the rules turn them off.
Q_LOGGING_CATEGORY(lcServer, "provstation.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "provstation.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerStore, "provstation.server.store", QtWarningMsg)
