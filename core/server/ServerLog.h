#pragma once

#include <QLoggingCategory>

// The logging categories of this module (enable with QT_LOGGING_RULES, e.g.
// "provstation.server*.debug=true"). Nothing secret is ever logged.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)
