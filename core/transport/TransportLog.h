#pragma once

#include <QLoggingCategory>

// The logging categories of this module (enable with QT_LOGGING_RULES, e.g.
// "provstation.transport*.debug=true"). Nothing secret is ever logged.
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcTransportOrw)
Q_DECLARE_LOGGING_CATEGORY(lcTransportReliable)
Q_DECLARE_LOGGING_CATEGORY(lcTransportPsem)
