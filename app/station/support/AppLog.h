#pragma once

#include <QLoggingCategory>

// The logging categories of this module (enable with QT_LOGGING_RULES, e.g.
// "provstation.app*.debug=true"). Nothing secret is ever logged.
Q_DECLARE_LOGGING_CATEGORY(lcApp)
