#include "support/AppLog.h"

Q_LOGGING_CATEGORY(lcApp, "provstation.app", QtWarningMsg)
